package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The land-cover survey (土地覆盖): a polygonal coverage of the whole district, about 20,000 × scale polygons.
 *
 * <p>The district is laid over with a jittered lattice of quadrilateral cells, sized so that the count comes to about
 * 20,000 × scale. Cells clear of every boundary (the outline, the banks of rivers, canals and lakes, the edges of trunk
 * roads, parks and farmland projects) are kept as they are; the others are cut along those boundaries in one
 * snap-rounded arrangement ({@link Arrangement}), so the whole coverage is noded, water and roads appear as strips of
 * cells and parks and farmland line up with the cells under them. Slivers are merged into a neighbour. Each land cell then gets a class
 * drawn from weights that depend on where it is — the city edge, a town, the barrier and its control level, the lake
 * shore, a park, a farmland project, the airport — and on smooth noise fields, so that classes form patches.
 */
final class LandCover {

    /** The land-cover classes of the catalogue, in its order. */
    static final String[] CLASSES = {"forest", "cropland", "orchard", "grassland", "water", "wetland", "park_green",
        "built", "road", "bare"};
    static final int FOREST = 0;
    static final int CROPLAND = 1;
    static final int ORCHARD = 2;
    static final int GRASSLAND = 3;
    static final int WATER = 4;
    static final int WETLAND = 5;
    static final int PARK = 6;
    static final int BUILT = 7;
    static final int ROAD = 8;
    static final int BARE = 9;

    /** Polygons per unit of scale. */
    static final int POLYGONS_PER_SCALE = 20_000;
    private static final double JITTER = 0.2;

    /** What a cell lies on before any class is drawn. */
    enum Base { LAND, LAKE, RIVER, CANAL, ROAD }

    // class weights (per cent, in CLASSES order) by setting; LEVEL by control level
    private static final double[] URBAN = {4, 2, 0.5, 5, 2, 0.5, 7, 62, 13, 4};
    private static final double[] RURAL = {6, 46, 4, 6, 5, 2, 0.5, 23, 4, 3.5};
    private static final double[][] LEVEL = {
        null,
        {38, 8, 3, 12, 8, 12, 3, 7, 3, 4},
        {9, 15, 2, 5, 3, 2, 0.5, 38, 8, 17},
        {5, 13, 2, 4, 2, 1.5, 0.5, 44, 10, 18}};

    /** One polygon of the coverage. */
    static final class Piece {
        Polygon storage;
        final int cell;
        boolean quad;
        final Base base;
        /** The park (index) or farmland project (1000 + index) the piece lies in, or -1. */
        final int region;
        final Coordinate point;
        double area;
        int cls = -1;
        int ordinal;
        String sourceCode;
        int level;

        Piece(Polygon storage, int cell, boolean quad, Base base, int region, Coordinate point) {
            this.storage = storage;
            this.cell = cell;
            this.quad = quad;
            this.base = base;
            this.region = region;
            this.point = point;
        }

        String className() {
            return CLASSES[cls];
        }
    }

    private final Landscape land;
    private final long seed;
    private final double roadFactor;
    final Lattice lattice;
    final List<Piece> pieces;

    private final List<IndexedPointInAreaLocator> waterLocators = new ArrayList<>();
    private final List<Base> waterBase = new ArrayList<>();
    private final List<IndexedPointInAreaLocator> roadLocators = new ArrayList<>();
    private final STRtree regionIndex = new STRtree();
    private final List<ParkBuilder.Park> parks;
    private final List<FarmlandBuilder.Project> farmland;

    LandCover(Landscape land, List<ParkBuilder.Park> parks, List<FarmlandBuilder.Project> farmland, long seed,
              double scale) {
        this.land = land;
        this.seed = seed;
        this.roadFactor = Math.min(1, StrictMath.sqrt(scale));
        this.parks = parks;
        this.farmland = farmland;
        for (Landscape.WaterBody w : land.water) {
            waterLocators.add(Landscape.locator(w.planar()));
            waterBase.add(switch (w.kind()) {
                case LAKE -> Base.LAKE;
                case RIVER -> Base.RIVER;
                case CANAL -> Base.CANAL;
            });
        }
        for (Landscape.Road r : land.roads) {
            roadLocators.add(Landscape.locator(r.planar()));
        }
        for (int k = 0; k < parks.size(); k++) {
            Geometry g = Plane.toPlanar(parks.get(k).storage());
            regionIndex.insert(g.getEnvelopeInternal(), new Tagged(Landscape.locator(g), k));
        }
        for (int k = 0; k < farmland.size(); k++) {
            Geometry g = Plane.toPlanar(farmland.get(k).storage());
            regionIndex.insert(g.getEnvelopeInternal(), new Tagged(Landscape.locator(g), 1000 + k));
        }
        regionIndex.build();

        List<Coordinate[]> segments = baseSegments();
        Lattice grid = lattice(scale, segments);
        boolean[] boundary = grid.boundaryCells(segments);
        grid.unproject();
        this.lattice = grid;
        List<Piece> all = new ArrayList<>(interiorCells(boundary));
        all.addAll(boundaryFaces(boundary));
        all.sort(Comparator.comparingInt((Piece p) -> p.cell));
        mergeSlivers(all);
        for (int k = 0; k < all.size(); k++) {
            all.get(k).ordinal = k > 0 && all.get(k - 1).cell == all.get(k).cell ? all.get(k - 1).ordinal + 1 : 0;
        }
        this.pieces = all;
        pieces.parallelStream().forEach(p -> {
            p.area = p.quad ? grid.quadArea(p.cell) : Plane.area(p.storage);
            classify(p);
        });
    }

    /**
     * The lattice whose cell size gives about 20,000 × scale polygons: cells cut by boundaries become several
     * polygons, so the size is found by counting interior and boundary cells for a few trial sizes.
     */
    private Lattice lattice(double scale, List<Coordinate[]> segments) {
        double target = POLYGONS_PER_SCALE * scale;
        // polygons a boundary cell ends up as, after slivers are merged (measured at scales 0.1 to 10)
        double perBoundaryCell = 1.95 - 0.2 * StrictMath.log10(scale);
        double cellArea = Landscape.DISTRICT_AREA_M2 / target;
        Lattice grid = null;
        for (int iteration = 0; iteration < 3; iteration++) {
            grid = new Lattice(land.outlinePlanar.getEnvelopeInternal(), cellArea, seed);
            if (iteration == 2) {
                break;
            }
            boolean[] boundary = grid.boundaryCells(segments);
            int interior = 0;
            int cut = 0;
            for (int cell = 0; cell < boundary.length; cell++) {
                if (boundary[cell]) {
                    cut++;
                } else if (land.inOutline(grid.centre(cell))) {
                    interior++;
                }
            }
            cellArea *= (interior + perBoundaryCell * cut) / target;
        }
        return grid;
    }

    /** The nominal area of a cell, m². */
    double cellArea() {
        return lattice.dx * lattice.dy;
    }

    /**
     * The jittered lattice: vertices in the plane and, once {@link #unproject()} is called, on the storage grid.
     * Cell {@code j * nx + i} has corners (i, j), (i+1, j), (i+1, j+1), (i, j+1).
     */
    static final class Lattice {
        final int nx;
        final int ny;
        final double x0;
        final double y0;
        final double dx;
        final double dy;
        private final double[] px;
        private final double[] py;
        private double[] lon;
        private double[] lat;

        Lattice(Envelope env, double cellArea, long seed) {
            dx = StrictMath.sqrt(cellArea * 1.25);
            dy = cellArea / dx;
            x0 = env.getMinX() - dx;
            y0 = env.getMinY() - dy;
            nx = (int) StrictMath.ceil(env.getWidth() / dx) + 2;
            ny = (int) StrictMath.ceil(env.getHeight() / dy) + 2;
            int vertices = (nx + 1) * (ny + 1);
            px = new double[vertices];
            py = new double[vertices];
            for (int j = 0; j <= ny; j++) {
                for (int i = 0; i <= nx; i++) {
                    int v = vertex(i, j);
                    px[v] = x0 + i * dx + (2 * Rand.unit(seed, i, j, 1) - 1) * JITTER * dx;
                    py[v] = y0 + j * dy + (2 * Rand.unit(seed, i, j, 2) - 1) * JITTER * dy;
                }
            }
        }

        void unproject() {
            int vertices = px.length;
            double[] xy = new double[2 * vertices];
            for (int v = 0; v < vertices; v++) {
                xy[2 * v] = px[v];
                xy[2 * v + 1] = py[v];
            }
            Plane.unproject(xy, vertices);
            lon = new double[vertices];
            lat = new double[vertices];
            for (int v = 0; v < vertices; v++) {
                lon[v] = Plane.round(xy[2 * v]);
                lat[v] = Plane.round(xy[2 * v + 1]);
            }
        }

        int vertex(int i, int j) {
            return j * (nx + 1) + i;
        }

        /** The planar corners of a cell, counter-clockwise from its south-west corner. */
        Coordinate[] quad(int cell) {
            int i = cell % nx;
            int j = cell / nx;
            int[] v = {vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)};
            Coordinate[] c = new Coordinate[4];
            for (int k = 0; k < 4; k++) {
                c[k] = new Coordinate(px[v[k]], py[v[k]]);
            }
            return c;
        }

        Coordinate centre(int cell) {
            Coordinate[] q = quad(cell);
            return new Coordinate((q[0].x + q[1].x + q[2].x + q[3].x) / 4, (q[0].y + q[1].y + q[2].y + q[3].y) / 4);
        }

        Polygon storageQuad(int cell) {
            int i = cell % nx;
            int j = cell / nx;
            int[] v = {vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1), vertex(i, j)};
            Coordinate[] c = new Coordinate[5];
            for (int k = 0; k < 5; k++) {
                c[k] = new Coordinate(lon[v[k]], lat[v[k]]);
            }
            return Plane.STORAGE.createPolygon(c);
        }

        LineString edge(int a, int b) {
            return Plane.STORAGE.createLineString(new Coordinate[] {
                new Coordinate(lon[a], lat[a]), new Coordinate(lon[b], lat[b])});
        }

        double quadArea(int cell) {
            Coordinate[] q = quad(cell);
            double a = 0;
            for (int k = 0; k < 4; k++) {
                Coordinate p = q[k];
                Coordinate n = q[(k + 1) % 4];
                a += p.x * n.y - n.x * p.y;
            }
            return a / 2;
        }

        static boolean inQuad(Coordinate[] q, double x, double y) {
            for (int k = 0; k < 4; k++) {
                Coordinate a = q[k];
                Coordinate b = q[(k + 1) % 4];
                if ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The cell whose planar quad contains a planar point, or -1. */
        int cellAt(Coordinate p) {
            int i = (int) StrictMath.floor((p.x - x0) / dx);
            int j = (int) StrictMath.floor((p.y - y0) / dy);
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ci = i + di;
                    int cj = j + dj;
                    if (ci >= 0 && cj >= 0 && ci < nx && cj < ny && inQuad(quad(cj * nx + ci), p.x, p.y)) {
                        return cj * nx + ci;
                    }
                }
            }
            return -1;
        }

        /** Marks the cells that come within a metre of a boundary segment (planar). */
        boolean[] boundaryCells(List<Coordinate[]> segments) {
            boolean[] boundary = new boolean[nx * ny];
            for (Coordinate[] s : segments) {
                Coordinate a = s[0];
                Coordinate b = s[1];
                int i0 = Math.max(0, (int) StrictMath.floor((Math.min(a.x, b.x) - x0) / dx) - 1);
                int i1 = Math.min(nx - 1, (int) StrictMath.floor((Math.max(a.x, b.x) - x0) / dx) + 1);
                int j0 = Math.max(0, (int) StrictMath.floor((Math.min(a.y, b.y) - y0) / dy) - 1);
                int j1 = Math.min(ny - 1, (int) StrictMath.floor((Math.max(a.y, b.y) - y0) / dy) + 1);
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        int cell = j * nx + i;
                        if (!boundary[cell] && near(quad(cell), a, b)) {
                            boundary[cell] = true;
                        }
                    }
                }
            }
            return boundary;
        }

        private static boolean near(Coordinate[] q, Coordinate a, Coordinate b) {
            if (inQuad(q, a.x, a.y) || inQuad(q, b.x, b.y)) {
                return true;
            }
            for (int k = 0; k < 4; k++) {
                if (Distance.segmentToSegment(a, b, q[k], q[(k + 1) % 4]) <= 1.0) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------- boundary and cells

    private List<Geometry> baseLines() {
        List<Geometry> lines = new ArrayList<>();
        lines.add(land.outline.getExteriorRing());
        for (Landscape.WaterBody w : land.water) {
            lines.add(w.storage().getBoundary());
        }
        for (Landscape.Road r : land.roads) {
            lines.add(r.storage().getBoundary());
        }
        for (ParkBuilder.Park p : parks) {
            lines.add(p.storage().getBoundary());
        }
        for (FarmlandBuilder.Project f : farmland) {
            lines.add(f.storage().getBoundary());
        }
        return lines;
    }

    /** The segments of the boundary lines, in the plane. */
    private List<Coordinate[]> baseSegments() {
        List<Coordinate[]> segments = new ArrayList<>();
        for (Geometry g : baseLines()) {
            for (int n = 0; n < g.getNumGeometries(); n++) {
                Coordinate[] c = g.getGeometryN(n).getCoordinates();
                double[] xy = new double[2 * c.length];
                for (int k = 0; k < c.length; k++) {
                    xy[2 * k] = c[k].x;
                    xy[2 * k + 1] = c[k].y;
                }
                Plane.project(xy, c.length);
                for (int k = 0; k + 1 < c.length; k++) {
                    segments.add(new Coordinate[] {new Coordinate(xy[2 * k], xy[2 * k + 1]),
                        new Coordinate(xy[2 * k + 2], xy[2 * k + 3])});
                }
            }
        }
        return segments;
    }

    private List<Piece> interiorCells(boolean[] boundary) {
        Lattice grid = lattice;
        return IntStream.range(0, grid.nx * grid.ny).parallel().mapToObj(cell -> {
            if (boundary[cell]) {
                return null;
            }
            Coordinate centre = grid.centre(cell);
            if (!land.inOutline(centre)) {
                return null;
            }
            return new Piece(grid.storageQuad(cell), cell, true, base(centre), region(centre), centre);
        }).filter(p -> p != null).toList();
    }

    private List<Piece> boundaryFaces(boolean[] boundary) {
        Lattice grid = lattice;
        int nx = grid.nx;
        int ny = grid.ny;
        List<Geometry> lines = baseLines();
        boolean[] horizontal = new boolean[(ny + 1) * nx];
        boolean[] vertical = new boolean[ny * (nx + 1)];
        for (int cell = 0; cell < nx * ny; cell++) {
            if (boundary[cell]) {
                int i = cell % nx;
                int j = cell / nx;
                horizontal[j * nx + i] = true;
                horizontal[(j + 1) * nx + i] = true;
                vertical[j * (nx + 1) + i] = true;
                vertical[j * (nx + 1) + i + 1] = true;
            }
        }
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (horizontal[j * nx + i]) {
                    lines.add(grid.edge(grid.vertex(i, j), grid.vertex(i + 1, j)));
                }
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i <= nx; i++) {
                if (vertical[j * (nx + 1) + i]) {
                    lines.add(grid.edge(grid.vertex(i, j), grid.vertex(i, j + 1)));
                }
            }
        }
        List<Polygon> faces = Arrangement.faces(lines);
        return faces.parallelStream().map(face -> {
            Coordinate p = Plane.toPlanar(InteriorPointArea.getInteriorPoint(face));
            int cell = grid.cellAt(p);
            if (cell < 0 || !boundary[cell] || !land.inOutline(p)) {
                return null;
            }
            return new Piece(face, cell, false, base(p), region(p), p);
        }).filter(p -> p != null).toList();
    }

    private Base base(Coordinate planar) {
        for (int k = 0; k < waterLocators.size(); k++) {
            if (waterLocators.get(k).locate(planar) != Location.EXTERIOR) {
                return waterBase.get(k);
            }
        }
        for (IndexedPointInAreaLocator l : roadLocators) {
            if (l.locate(planar) != Location.EXTERIOR) {
                return Base.ROAD;
            }
        }
        return Base.LAND;
    }

    // ------------------------------------------------------------------------------------------------- slivers

    /** Merges pieces smaller than 3 % of a cell into the neighbour of the same base they share most boundary with. */
    private void mergeSlivers(List<Piece> all) {
        int nx = lattice.nx;
        int ny = lattice.ny;
        double threshold = 0.03 * cellArea();
        List<List<Piece>> byCell = new ArrayList<>(nx * ny);
        for (int c = 0; c < nx * ny; c++) {
            byCell.add(null);
        }
        List<Piece> small = new ArrayList<>();
        for (Piece p : all) {
            if (byCell.get(p.cell) == null) {
                byCell.set(p.cell, new ArrayList<>(2));
            }
            byCell.get(p.cell).add(p);
            if (!p.quad) {
                p.area = Plane.area(p.storage);
                if (p.area < threshold) {
                    small.add(p);
                }
            }
        }
        small.sort(Comparator.comparingDouble((Piece p) -> p.area).thenComparingInt(p -> p.cell));
        Set<Piece> removed = new HashSet<>();
        for (Piece s : small) {
            if (removed.contains(s)) {
                continue;
            }
            Set<Arrangement.Segment> edges = Arrangement.segments(s.storage);
            Piece best = null;
            double bestShared = 0;
            boolean bestSameBase = false;
            int i = s.cell % nx;
            int j = s.cell / nx;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ci = i + di;
                    int cj = j + dj;
                    if (ci < 0 || cj < 0 || ci >= nx || cj >= ny || byCell.get(cj * nx + ci) == null) {
                        continue;
                    }
                    for (Piece n : byCell.get(cj * nx + ci)) {
                        if (n == s || removed.contains(n)) {
                            continue;
                        }
                        double shared = Arrangement.sharedLength(n.storage, edges);
                        boolean same = n.base == s.base && n.region == s.region;
                        if (shared > 0 && (same && !bestSameBase || same == bestSameBase && shared > bestShared)) {
                            best = n;
                            bestShared = shared;
                            bestSameBase = same;
                        }
                    }
                }
            }
            if (best == null || !bestSameBase && s.area >= 1.0) {
                continue;
            }
            Geometry merged = CoverageUnion.union(new Geometry[] {best.storage, s.storage});
            if (merged instanceof Polygon p) {
                best.storage = p;
                best.quad = false;
                best.area += s.area;
                removed.add(s);
                byCell.get(s.cell).remove(s);
                if (!byCell.get(s.cell).contains(best)) {
                    byCell.get(s.cell).add(best);
                }
            }
        }
        all.removeAll(removed);
    }

    // --------------------------------------------------------------------------------------------------- classes

    private record Tagged(IndexedPointInAreaLocator geometry, int region) {
    }

    /** The park or farmland project at a planar point: its index, 1000 + its index, or -1. */
    private int region(Coordinate p) {
        for (Object o : regionIndex.query(new Envelope(p))) {
            Tagged t = (Tagged) o;
            if (t.geometry().locate(p) != Location.EXTERIOR) {
                return t.region();
            }
        }
        return -1;
    }

    /** 2 built, 1 under construction, 0 planned, -1 not in a park. */
    private int parkStatus(Piece p) {
        if (p.region < 0 || p.region >= 1000) {
            return -1;
        }
        return switch (parks.get(p.region).status()) {
            case "built" -> 2;
            case "under_construction" -> 1;
            default -> 0;
        };
    }

    /** 2 accepted, 1 under construction, 0 planned, -1 not in a farmland project. */
    private int farmStatus(Piece p) {
        if (p.region < 1000) {
            return -1;
        }
        return switch (farmland.get(p.region - 1000).status()) {
            case "accepted" -> 2;
            case "under_construction" -> 1;
            default -> 0;
        };
    }

    private void classify(Piece p) {
        Coordinate c = p.point;
        p.level = land.level(c);
        switch (p.base) {
            case LAKE, RIVER, CANAL -> p.cls = WATER;
            case ROAD -> p.cls = ROAD;
            default -> p.cls = Rand.pick(weights(c, p.level, parkStatus(p), farmStatus(p)),
                    Rand.unit(seed, p.cell, p.ordinal, 77));
        }
        if (Rand.unit(seed, p.cell, p.ordinal, 99) < 0.10) {
            p.sourceCode = sourceCode(p);
        }
    }

    private double[] weights(Coordinate c, int level, int park, int farm) {
        double[] w;
        if (park == 2) {
            return new double[] {12, 0, 0, 8, 8, 0, 72, 0, 0, 0};
        }
        if (park == 1) {
            return new double[] {0, 0, 0, 30, 0, 0, 20, 0, 0, 50};
        }
        if (farm >= 1) {
            return new double[] {1, 94, 0, 0, 2, 0, 0, 1, 2, 0};
        }
        if (land.inAirport(c)) {
            return new double[] {0, 0, 0, 55, 0, 0, 0, 30, 10, 5};
        }
        double u = land.urban(c.x, c.y);
        double[] base = level > 0 ? LEVEL[level] : RURAL;
        double mix = level > 0 ? 0.8 * u : u;
        w = new double[CLASSES.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = base[k] * (1 - mix) + URBAN[k] * mix;
        }
        if (farm == 0) {
            w[CROPLAND] *= 3;
        }
        if (land.inGreenbelt(c)) {
            w[FOREST] *= 4;
            w[PARK] *= 2;
            w[BUILT] *= 0.4;
        }
        if (land.nearLake(c)) {
            w[WETLAND] *= 4;
            w[WATER] *= 1.5;
            w[PARK] *= 2;
        }
        if (land.nearRiver(c)) {
            w[WETLAND] *= 1.8;
            w[GRASSLAND] *= 1.3;
            w[FOREST] *= 1.2;
        }
        if (level > 0) {
            if (land.inCorridor(c)) {
                w[WETLAND] *= 2;
                w[WATER] *= 1.3;
            }
            if (land.inHaiheCore(c)) {
                w[FOREST] *= 1.6;
            }
            if (land.inLakeCore(c)) {
                w[WATER] *= 1.4;
                w[WETLAND] *= 1.4;
            }
            switch (land.area(c)) {
                case Landscape.JINZHONG_WETLAND -> {
                    w[WETLAND] *= 2;
                    w[WATER] *= 1.3;
                }
                case Landscape.TWIN_LAKES -> {
                    w[PARK] *= 3;
                    w[WATER] *= 1.3;
                }
                case Landscape.HUAMING_ORGANIC -> {
                    w[CROPLAND] *= 1.8;
                    w[ORCHARD] *= 2.5;
                }
                case Landscape.CULTURE -> {
                    w[PARK] *= 2;
                    w[GRASSLAND] *= 1.3;
                }
                case Landscape.FOREST_WATER -> {
                    w[FOREST] *= 1.3;
                    w[WATER] *= 1.3;
                }
                case Landscape.PROTECTION -> w[FOREST] *= 1.4;
                default -> {
                }
            }
        }
        // a cell of local roads is a plausible thing at 0.2 ha, not at 20 ha: fewer of them at small scales
        w[ROAD] *= roadFactor;
        double kx = Plane.eastKm(c.x);
        double ky = Plane.northKm(c.y);
        for (int k = 0; k < w.length; k++) {
            w[k] *= StrictMath.exp(1.1 * Rand.noise(seed * 31 + k, kx, ky, 1.6));
        }
        return w;
    }

    private String sourceCode(Piece p) {
        double u = Rand.unit(seed, p.cell, p.ordinal, 101);
        return switch (p.cls) {
            case FOREST -> u < 0.7 ? "0301" : u < 0.8 ? "0305" : "0307";
            case CROPLAND -> u < 0.5 ? "0102" : u < 0.85 ? "0103" : "0101";
            case ORCHARD -> u < 0.8 ? "0201" : "0204";
            case GRASSLAND -> u < 0.85 ? "0404" : "0403";
            case WATER -> switch (p.base) {
                case LAKE -> "1102";
                case RIVER -> "1101";
                case CANAL -> "1107";
                default -> "1104";
            };
            case WETLAND -> u < 0.4 ? "1106" : u < 0.7 ? "1108" : "0402";
            case PARK -> "0810";
            case BUILT -> u < 0.35 ? "0701" : u < 0.55 ? "0702" : u < 0.8 ? "0601" : u < 0.85 ? "0604"
                    : u < 0.95 ? "0803" : "0505";
            case ROAD -> u < 0.6 ? "1004" : u < 0.9 ? "1003" : "1006";
            default -> u < 0.4 ? "1201" : u < 0.8 ? "1206" : "1204";
        };
    }
}
