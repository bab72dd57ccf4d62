package cn.dongli.carbonmap.geom.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.opengis.util.FactoryException;

/**
 * Writes polygon features as a zipped shapefile: {@code .shp}, {@code .shx}, {@code .dbf} (UTF-8), {@code .prj} (ESRI
 * WKT) and a {@code .cpg} saying UTF-8.
 *
 * <p>Rings are written the ESRI way, outer rings clockwise and holes counter-clockwise (the opposite of RFC 7946).
 * Field names are cut to the DBF's 10 bytes and kept distinct ({@code canopy_closure} → {@code canopy_clo}); the
 * mapping is returned so that an export can document it. The features are read once; the parts of the zip are spooled
 * to temporary files first, because each part must be complete before the next begins. The .prj is the text ArcGIS and
 * GDAL write for the CGCS2000, WGS 84 and Web Mercator codes ({@link EsriCrs}), and SIS's WKT 1 without axes for others.
 */
public final class ShapefileWriter {

    private static final int POLYGON = 5;
    /** The ESRI limit on each file of a shapefile; beyond it offsets no longer fit. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private ShapefileWriter() {
    }

    /**
     * Writes the zip.
     *
     * @param out where to write the zip; not closed
     * @param baseName the name of the files inside the zip, without extension (e.g. {@code 东丽区小班})
     * @param epsg the EPSG code of the coordinates, written to the .prj
     * @param columns the attribute columns, in order
     * @param features Polygon or MultiPolygon features in that CRS (a null or empty geometry is written as a null shape)
     * @return the DBF field name of each column, by column name, in column order
     * @throws IllegalArgumentException on a geometry that is not polygonal, a value that does not fit its column, an
     *                                  unknown EPSG code or an unusable base name
     * @throws IOException if writing fails or a file would exceed 2 GB
     */
    public static Map<String, String> writeZip(OutputStream out, String baseName, int epsg, List<ColumnSpec> columns,
                                               Iterable<WritableFeature> features) throws IOException {
        checkBaseName(baseName);
        String prj = prj(epsg);
        Path work = Files.createTempDirectory("carbonmap-shp-");
        try {
            Path shpBody = work.resolve("shp");
            Path shxBody = work.resolve("shx");
            Envelope extent = new Envelope();
            int records = 0;
            long offset = 100;
            try (DbfWriter dbf = new DbfWriter(columns, work.resolve("dbf"));
                 OutputStream shp = new BufferedOutputStream(Files.newOutputStream(shpBody), 64 * 1024);
                 OutputStream shx = new BufferedOutputStream(Files.newOutputStream(shxBody), 64 * 1024)) {
                for (WritableFeature f : features) {
                    byte[] content = content(f);
                    if (content.length > 4) {
                        extent.expandToInclude(f.geometry().getEnvelopeInternal());
                    }
                    records++;
                    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
                    header.putInt(records).putInt(content.length / 2);
                    shp.write(header.array());
                    shp.write(content);
                    ByteBuffer index = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
                    index.putInt((int) (offset / 2)).putInt(content.length / 2);
                    shx.write(index.array());
                    offset += 8 + content.length;
                    if (offset > MAX_FILE_BYTES) {
                        throw new IOException("the shapefile would exceed 2 GB; export a GeoPackage instead");
                    }
                    dbf.add(f);
                }
                shp.close();
                shx.close();
                Map<String, String> names = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    names.put(columns.get(i).name(), dbf.names().get(i));
                }
                ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry(baseName + ".shp"));
                zip.write(fileHeader(offset, extent));
                Files.copy(shpBody, zip);
                zip.putNextEntry(new ZipEntry(baseName + ".shx"));
                zip.write(fileHeader(100 + 8L * records, extent));
                Files.copy(shxBody, zip);
                zip.putNextEntry(new ZipEntry(baseName + ".dbf"));
                dbf.writeTo(zip);
                zip.putNextEntry(new ZipEntry(baseName + ".prj"));
                zip.write(prj.getBytes(StandardCharsets.US_ASCII));
                zip.putNextEntry(new ZipEntry(baseName + ".cpg"));
                zip.write("UTF-8".getBytes(StandardCharsets.US_ASCII));
                zip.close();
                return names;
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void checkBaseName(String baseName) {
        if (baseName == null || baseName.isBlank() || baseName.length() > 100 || baseName.equals(".")
                || baseName.equals("..") || baseName.chars().anyMatch(c -> c < 0x20 || "/\\:*?\"<>|".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("'" + baseName + "' cannot name the files of a shapefile");
        }
    }

    /** The .prj text of an EPSG code. */
    static String prj(int epsg) {
        String esri = EsriCrs.wkt(epsg);
        if (esri != null) {
            return esri;
        }
        try {
            WKTFormat format = new WKTFormat();
            // a .prj carries no axis order: readers take easting/longitude first, as the shapefile stores them
            format.setConvention(Convention.WKT1_IGNORE_AXES);
            format.setIndentation(WKTFormat.SINGLE_LINE);
            return format.format(CRS.forCode("EPSG:" + epsg));
        } catch (FactoryException e) {
            throw new IllegalArgumentException("unknown CRS EPSG:" + epsg, e);
        }
    }

    /** The 100-byte header of the .shp or .shx. */
    private static byte[] fileHeader(long fileBytes, Envelope extent) {
        ByteBuffer h = ByteBuffer.allocate(100);
        h.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (int) (fileBytes / 2));
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, POLYGON);
        if (!extent.isNull()) {
            h.putDouble(36, extent.getMinX()).putDouble(44, extent.getMinY())
                    .putDouble(52, extent.getMaxX()).putDouble(60, extent.getMaxY());
        }
        return h.array();
    }

    /** The content of one record (little-endian): a Polygon shape, or a null shape. */
    private static byte[] content(WritableFeature f) {
        List<CoordinateSequence> rings = rings(f);
        if (rings.isEmpty()) {
            return new byte[4];
        }
        int points = rings.stream().mapToInt(CoordinateSequence::size).sum();
        ByteBuffer c = ByteBuffer.allocate(44 + 4 * rings.size() + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
        Envelope env = f.geometry().getEnvelopeInternal();
        c.putInt(POLYGON).putDouble(env.getMinX()).putDouble(env.getMinY()).putDouble(env.getMaxX())
                .putDouble(env.getMaxY()).putInt(rings.size()).putInt(points);
        int start = 0;
        for (CoordinateSequence ring : rings) {
            c.putInt(start);
            start += ring.size();
        }
        for (CoordinateSequence ring : rings) {
            for (int i = 0; i < ring.size(); i++) {
                c.putDouble(ring.getX(i)).putDouble(ring.getY(i));
            }
        }
        return c.array();
    }

    /** The rings of the feature's polygons: each shell clockwise, followed by its holes counter-clockwise. */
    private static List<CoordinateSequence> rings(WritableFeature f) {
        Geometry g = f.geometry();
        List<CoordinateSequence> rings = new ArrayList<>();
        if (g == null || g.isEmpty()) {
            return rings;
        }
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            throw new IllegalArgumentException("feature " + f.id() + ": a polygon shapefile cannot hold a "
                    + g.getGeometryType());
        }
        for (int p = 0; p < g.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) g.getGeometryN(p);
            if (polygon.isEmpty()) {
                continue;
            }
            rings.add(oriented(polygon.getExteriorRing(), false));
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                rings.add(oriented(polygon.getInteriorRingN(h), true));
            }
        }
        return rings;
    }

    private static CoordinateSequence oriented(LinearRing ring, boolean counterClockwise) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        return Orientation.isCCW(seq) == counterClockwise ? seq : ring.reverse().getCoordinateSequence();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover temporary file must not hide the export's own outcome
        }
    }

    /** Lets the zip be closed (which frees its deflater) without closing the caller's stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
