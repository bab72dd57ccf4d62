package cn.dongli.carbonmap.geom.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.PrecisionModel;

import cn.dongli.carbonmap.geom.Crs;

/**
 * Reads the one polygon shapefile in a folder (typically an extracted zip): geometry from the .shp, attributes from the
 * .dbf, the CRS from the .prj and the text encoding from the .cpg.
 *
 * <p>Polygon, PolygonZ and PolygonM files are read (Z and M are dropped); other shape types are refused. Rings are
 * organised into shells and holes by containment ({@link ShapefileRingBuilder}); unclosed rings are closed, as GDAL
 * does. A record without geometry, or whose geometry is damaged, becomes a feature with a problem; records marked
 * deleted in the .dbf are left out. When a .shx is present, it must agree with the .shp. Geometries are in the file's
 * own coordinates with SRID 0; the CRS is identified by {@link PrjReader}, or is null without a .prj. Attribute values
 * are read by {@link DbfReader}.
 */
public final class ShapefileReader {

    private static final int FILE_CODE = 9994;
    private static final int VERSION = 1000;
    private static final int NULL_SHAPE = 0;
    private static final Map<Integer, String> SHAPE_TYPES = Map.ofEntries(
            Map.entry(0, "Null"), Map.entry(1, "Point"), Map.entry(3, "PolyLine"), Map.entry(5, "Polygon"),
            Map.entry(8, "MultiPoint"), Map.entry(11, "PointZ"), Map.entry(13, "PolyLineZ"),
            Map.entry(15, "PolygonZ"), Map.entry(18, "MultiPointZ"), Map.entry(21, "PointM"),
            Map.entry(23, "PolyLineM"), Map.entry(25, "PolygonM"), Map.entry(28, "MultiPointM"),
            Map.entry(31, "MultiPatch"));
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);

    private ShapefileReader() {
    }

    /**
     * Reads the shapefile in the folder or its sub-folders.
     *
     * @throws UnreadableInputException if the folder holds no .shp or several, the .dbf is missing, a file is damaged,
     *                                  the shapes are not polygons, or the .prj cannot be identified
     */
    public static SourceDataset read(Path directory) throws UnreadableInputException {
        return read(directory, true);
    }

    /**
     * Reads the shapefile in the folder or its sub-folders.
     *
     * @param identifyPrj false when the caller names the CRS itself: the .prj is then not read (the dataset's CRS is
     *                    null), so that a .prj nobody can identify does not stop the import
     * @throws UnreadableInputException as {@link #read(Path)}
     */
    public static SourceDataset read(Path directory, boolean identifyPrj) throws UnreadableInputException {
        return read(directory, identifyPrj, ReadBudget.start(ReadBudget.Limits.DEFAULT));
    }

    /**
     * Reads the shapefile in the folder or its sub-folders within a budget: each record's points are charged before
     * they are read.
     *
     * @throws InputLimitException if the shapefile goes beyond a limit of the budget
     * @throws UnreadableInputException as {@link #read(Path)}
     */
    public static SourceDataset read(Path directory, boolean identifyPrj, ReadBudget budget)
            throws UnreadableInputException {
        Path shp = findShp(directory);
        Map<String, Path> set = companions(shp);
        String name = shp.getFileName().toString();
        Path dbf = set.get("dbf");
        if (dbf == null) {
            throw new UnreadableInputException("the .dbf of " + name + " is missing; send the .shp, .shx, .dbf and"
                    + " .prj of the shapefile together");
        }
        Crs.Code crs = identifyPrj && set.containsKey("prj") ? crs(set.get("prj")) : null;
        Charset cpg = set.containsKey("cpg") ? cpg(set.get("cpg")) : null;
        DbfReader.Table table = DbfReader.read(dbf, cpg, budget);
        List<Shape> shapes = shapes(shp, budget);
        if (set.containsKey("shx")) {
            checkIndex(set.get("shx"), shapes);
        }
        if (table.rows().size() != shapes.size()) {
            throw new UnreadableInputException("the .dbf has " + table.rows().size() + " records but the .shp has "
                    + shapes.size() + " shapes: the shapefile is damaged");
        }
        List<SourceFeature> features = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            DbfReader.Row row = table.rows().get(i);
            if (row.deleted()) {
                continue;
            }
            Shape s = shapes.get(i);
            features.add(s.problem() == null
                    ? SourceFeature.of(i, s.geometry(), row.values())
                    : SourceFeature.unreadable(i, row.values(), s.problem()));
        }
        return new SourceDataset(features, crs, "Shapefile");
    }

    private static Path findShp(Path directory) throws UnreadableInputException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(directory, 16)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> extension(p).equals("shp"))
                    .filter(p -> !p.getFileName().toString().startsWith("._"))
                    .filter(p -> !directory.relativize(p).toString().startsWith("__MACOSX"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UnreadableInputException("the shapefile's folder cannot be read: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new UnreadableInputException("no .shp file was found; a zipped shapefile needs its .shp, .shx, .dbf"
                    + " and .prj");
        }
        if (found.size() > 1) {
            throw new UnreadableInputException("there are " + found.size() + " shapefiles ("
                    + found.stream().map(p -> directory.relativize(p).toString().replace('\\', '/'))
                            .collect(Collectors.joining(", "))
                    + "); send one shapefile per import");
        }
        return found.get(0);
    }

    /** The files beside the .shp with the same base name, by lower-case extension (shapefile names ignore case). */
    private static Map<String, Path> companions(Path shp) throws UnreadableInputException {
        String base = baseName(shp).toLowerCase(Locale.ROOT);
        Map<String, Path> set = new HashMap<>();
        try (Stream<Path> siblings = Files.list(shp.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                if (Files.isRegularFile(p) && baseName(p).toLowerCase(Locale.ROOT).equals(base)) {
                    set.put(extension(p), p);
                }
            }
        } catch (IOException e) {
            throw new UnreadableInputException("the shapefile's folder cannot be read: " + e.getMessage(), e);
        }
        return set;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static Crs.Code crs(Path prj) throws UnreadableInputException {
        String text = text(prj);
        return text.isBlank() ? null : PrjReader.identify(text);
    }

    private static Charset cpg(Path cpg) throws UnreadableInputException {
        return DbfReader.ofCpg(text(cpg));
    }

    private static String text(Path file) throws UnreadableInputException {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new UnreadableInputException("the " + file.getFileName() + " is too large to be a .prj or .cpg");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableInputException("the " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * One record of the .shp: where it starts and its content length (both in bytes), and its geometry or the problem
     * that keeps it from having one.
     */
    private record Shape(long offset, int length, Geometry geometry, String problem) {
    }

    private static List<Shape> shapes(Path shp, ReadBudget budget) throws UnreadableInputException {
        String name = shp.getFileName().toString();
        try (FileChannel ch = FileChannel.open(shp, StandardOpenOption.READ)) {
            // the header mixes byte orders: file code and length big-endian, version and shape type little-endian
            ByteBuffer header = read(ch, 0, 100, name);
            int fileCode = header.order(ByteOrder.BIG_ENDIAN).getInt(0);
            long declared = 2L * Integer.toUnsignedLong(header.getInt(24));
            int version = header.order(ByteOrder.LITTLE_ENDIAN).getInt(28);
            int type = header.getInt(32);
            if (fileCode != FILE_CODE || version != VERSION) {
                throw new UnreadableInputException("the " + name + " is not a shapefile (its header is wrong)");
            }
            if (type != 5 && type != 15 && type != 25 && type != NULL_SHAPE) {
                throw new UnreadableInputException("the " + name + " holds " + SHAPE_TYPES.getOrDefault(type,
                        "unknown (type " + type + ")") + " shapes; only polygons can be imported");
            }
            long end = Math.min(ch.size(), declared);
            List<Shape> shapes = new ArrayList<>();
            long position = 100;
            while (position + 8 <= end) {
                ByteBuffer recordHeader = read(ch, position, 8, name).order(ByteOrder.BIG_ENDIAN);
                long length = 2L * recordHeader.getInt(4);
                if (length < 4 || position + 8 + length > end) {
                    throw new UnreadableInputException("the " + name + " is damaged: record " + (shapes.size() + 1)
                            + " runs past the end of the file");
                }
                budget.feature(shapes.size());
                if (length >= 44) {
                    // the record's point count, charged before its points are read
                    ByteBuffer head = read(ch, position + 8, 44, name).order(ByteOrder.LITTLE_ENDIAN);
                    long points = Math.max(0, head.getInt(40));
                    if (head.getInt(0) == type) {
                        budget.vertices(shapes.size(), points, points);
                    }
                }
                ByteBuffer content = read(ch, position + 8, (int) length, name).order(ByteOrder.LITTLE_ENDIAN);
                shapes.add(shape(content, type, position, (int) length));
                position += 8 + length;
            }
            return shapes;
        } catch (IOException e) {
            throw new UnreadableInputException("the " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length, String name)
            throws IOException, UnreadableInputException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new UnreadableInputException("the " + name + " is truncated");
            }
        }
        return b.flip();
    }

    private static Shape shape(ByteBuffer c, int fileType, long offset, int length) {
        int type = c.getInt(0);
        if (type == NULL_SHAPE) {
            return new Shape(offset, length, null, "the record has no geometry");
        }
        if (type != fileType) {
            return new Shape(offset, length, null, "the record is a " + SHAPE_TYPES.getOrDefault(type, "type " + type)
                    + " shape in a " + SHAPE_TYPES.get(fileType) + " file");
        }
        if (length < 44) {
            return new Shape(offset, length, null, "the record is too short for a polygon");
        }
        int parts = c.getInt(36);
        int points = c.getInt(40);
        if (parts < 1 || points < 1 || 44L + 4L * parts + 16L * points > length) {
            return new Shape(offset, length, null, "the record's part and point counts (" + parts + ", " + points
                    + ") do not fit its length");
        }
        int pointsAt = 44 + 4 * parts;
        List<LinearRing> rings = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = c.getInt(44 + 4 * part);
            int to = part + 1 < parts ? c.getInt(44 + 4 * (part + 1)) : points;
            if (from < 0 || to > points || from >= to) {
                return new Shape(offset, length, null, "ring " + (part + 1) + " has invalid point indexes");
            }
            List<Coordinate> ring = new ArrayList<>(to - from + 1);
            for (int i = from; i < to; i++) {
                double x = c.getDouble(pointsAt + 16 * i);
                double y = c.getDouble(pointsAt + 16 * i + 8);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    return new Shape(offset, length, null, "ring " + (part + 1) + " has a non-finite coordinate");
                }
                ring.add(new Coordinate(x, y));
            }
            if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
                ring.add(new Coordinate(ring.get(0)));
            }
            if (ring.size() < 4) {
                return new Shape(offset, length, null, "ring " + (part + 1) + " has " + (to - from)
                        + " points; a closed ring needs at least 4");
            }
            rings.add(FACTORY.createLinearRing(ring.toArray(Coordinate[]::new)));
        }
        return new Shape(offset, length, ShapefileRingBuilder.build(rings, FACTORY), null);
    }

    /** Checks that the .shx lists the records of the .shp where they are. */
    private static void checkIndex(Path shx, List<Shape> shapes) throws UnreadableInputException {
        String name = shx.getFileName().toString();
        try (FileChannel ch = FileChannel.open(shx, StandardOpenOption.READ)) {
            ByteBuffer header = read(ch, 0, 100, name).order(ByteOrder.BIG_ENDIAN);
            if (header.getInt(0) != FILE_CODE) {
                throw new UnreadableInputException("the " + name + " is not a shapefile index");
            }
            long entries = (Math.min(ch.size(), 2L * Integer.toUnsignedLong(header.getInt(24))) - 100) / 8;
            if (entries != shapes.size()) {
                throw new UnreadableInputException("the " + name + " lists " + entries + " records but the .shp has "
                        + shapes.size() + ": the shapefile is damaged");
            }
            ByteBuffer index = read(ch, 100, (int) (8 * entries), name).order(ByteOrder.BIG_ENDIAN);
            for (int i = 0; i < entries; i++) {
                long offset = 2L * index.getInt(8 * i);
                long length = 2L * index.getInt(8 * i + 4);
                Shape s = shapes.get(i);
                if (offset != s.offset() || length != s.length()) {
                    throw new UnreadableInputException("the " + name + " does not match the .shp at record " + (i + 1)
                            + ": the shapefile is damaged");
                }
            }
        } catch (IOException e) {
            throw new UnreadableInputException("the " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
