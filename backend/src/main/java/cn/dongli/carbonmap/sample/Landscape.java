package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The fixed geography of the synthetic Dongli: the district outline, its rivers, lakes and trunk roads, its towns, the
 * ten streets and the ecological barrier with its control levels and structure (一廊两芯两环六片区).
 *
 * <p>All of it is an original design, placed roughly where the real features are (the city edge in the west, the Hai
 * River along the south, the Jinzhong River in the north, Dongli Lake in the north-east, the barrier as a band through
 * the centre and east) but drawn from invented control points, not copied from any map. It does not depend on the seed
 * or the scale, so every generated data set shares it; it is built once and shared (its geometries are never handed
 * out without copying).
 */
final class Landscape {

    /** Target ground area of the district, m². */
    static final double DISTRICT_AREA_M2 = 474.0e6;

    /** Control points of the outline (km), counter-clockwise, starting at the Hai River's upstream end. */
    private static final double[][] OUTLINE = {
        {-13.4, -3.2}, {-11.0, -5.6}, {-6.6, -6.3}, {-2.2, -8.1}, {2.4, -10.6}, {6.4, -11.7}, {9.5, -13.4},
        {11.6, -9.0}, {13.9, -5.0}, {13.5, -1.2}, {11.2, 1.6}, {12.6, 4.2}, {13.8, 7.4}, {10.6, 11.3},
        {6.6, 13.0}, {3.0, 13.5}, {0.4, 12.6}, {-4.0, 13.7}, {-8.6, 13.3}, {-11.6, 10.2}, {-13.9, 7.0},
        {-13.2, 3.6}, {-12.2, 0.2}};
    /** The Hai River follows the outline from control point 0 to this one. */
    private static final int HAIHE_END = 6;

    /** The ten streets: 12-digit statistics code and name. */
    static final String[][] STREETS = {
        {"120110001000", "张贵庄街道"}, {"120110002000", "丰年村街道"}, {"120110003000", "万新街道"},
        {"120110004000", "无瑕街道"}, {"120110005000", "新立街道"}, {"120110006000", "华明街道"},
        {"120110007000", "金钟街道"}, {"120110008000", "军粮城街道"}, {"120110009000", "金桥街道"},
        {"120110010000", "东丽湖街道"}};
    /** Voronoi seeds of each street (km); several per street give irregular shapes. */
    private static final double[][][] STREET_SEEDS = {
        {{-9.4, -1.4}, {-8.4, -3.2}},
        {{-11.2, 2.2}},
        {{-11.4, -3.6}, {-9.9, -5.0}, {-12.4, -1.2}},
        {{-11.3, 4.9}, {-9.6, 5.6}},
        {{-5.2, 0.8}, {-2.0, 2.4}, {1.2, 0.6}, {4.2, 3.2}, {8.8, 1.0}},
        {{-3.8, 6.6}, {-1.2, 7.2}, {1.8, 9.6}, {-2.0, 11.8}, {3.4, 12.2}, {2.0, 6.0}},
        {{-11.8, 9.4}, {-8.2, 10.8}, {-5.6, 12.0}, {-8.8, 8.0}, {-6.0, 9.4}},
        {{2.8, -8.2}, {6.6, -9.4}, {9.6, -7.6}, {5.4, -4.6}, {11.2, -3.6}, {8.8, -2.0}},
        {{-5.8, -5.0}, {-3.0, -4.6}, {-0.6, -6.6}, {-3.2, -1.6}},
        {{8.0, 8.6}, {11.2, 6.6}, {7.4, 11.8}, {5.6, 7.2}, {10.6, 4.4}, {12.4, 2.4}}};

    /** The six functional areas of the barrier: code, name, Voronoi seed (km). */
    private static final Object[][] AREAS = {
        {"PQ-01", "金钟河湿地片区", 2.8, 11.2}, {"PQ-02", "双湖富氧游憩区", 8.8, 8.0},
        {"PQ-03", "华明有机田园区", 2.6, 6.2}, {"PQ-04", "文化融合体验区", 5.2, 0.8},
        {"PQ-05", "林水涵养区", 3.6, -4.2}, {"PQ-06", "环境防护区", 4.0, -9.2}};
    /** Functional area indexes, for the land-cover rules. */
    static final int JINZHONG_WETLAND = 0;
    static final int TWIN_LAKES = 1;
    static final int HUAMING_ORGANIC = 2;
    static final int CULTURE = 3;
    static final int FOREST_WATER = 4;
    static final int PROTECTION = 5;

    /** Across the barrier band, u runs from -1 (west edge) to 1 (east edge); these cut it into levels. */
    private static final double[] BAND_CUTS = {-1.0, -0.72, -0.34, 0.57, 1.0};
    private static final int[] BAND_LEVEL = {3, 2, 1, 2};

    /** The kinds of settlement, which decide how built-up the land is and what the buildings are. */
    enum SettlementKind { CITY, TOWN, INDUSTRIAL, RESORT, VILLAGE }

    /** A settlement: centre and radius in km. */
    record Settlement(String name, double x, double y, double r, SettlementKind kind) {
        /** How built-up the settlement makes a point (km): 1 in the core, fading to 0 at 1.3 radii. */
        double intensity(double px, double py) {
            double t = StrictMath.hypot(px - x, py - y) / r;
            double f = t < 0.6 ? 1 : t < 1.3 ? 1 - (t - 0.6) / 0.7 : 0;
            double peak = switch (kind) {
                case CITY, INDUSTRIAL -> 1.0;
                case TOWN -> 0.95;
                case RESORT -> 0.8;
                case VILLAGE -> 0.75;
            };
            return f * peak;
        }
    }

    static final List<Settlement> SETTLEMENTS = List.of(
            new Settlement("华明", -2.2, 6.9, 2.0, SettlementKind.TOWN),
            new Settlement("金钟", -9.0, 10.6, 1.3, SettlementKind.TOWN),
            new Settlement("新立", -2.6, -2.4, 1.4, SettlementKind.TOWN),
            new Settlement("金桥工业园", -4.6, -5.0, 1.5, SettlementKind.INDUSTRIAL),
            new Settlement("空港经济区", -2.0, 2.6, 1.6, SettlementKind.INDUSTRIAL),
            new Settlement("军粮城", 9.8, -7.6, 1.8, SettlementKind.TOWN),
            new Settlement("东丽开发区", 12.0, -2.6, 1.9, SettlementKind.INDUSTRIAL),
            new Settlement("东丽湖", 10.9, 6.0, 1.3, SettlementKind.RESORT),
            new Settlement("赤土", 0.9, 11.6, 0.45, SettlementKind.VILLAGE),
            new Settlement("胡张庄", -4.4, 9.4, 0.5, SettlementKind.VILLAGE),
            new Settlement("欢坨", -6.2, 12.1, 0.45, SettlementKind.VILLAGE),
            new Settlement("永和", 6.6, 12.3, 0.4, SettlementKind.VILLAGE),
            new Settlement("刘台", 7.4, -10.3, 0.45, SettlementKind.VILLAGE),
            new Settlement("南窑", 1.4, -8.0, 0.4, SettlementKind.VILLAGE),
            new Settlement("大东庄", -1.0, -6.7, 0.45, SettlementKind.VILLAGE),
            new Settlement("新袁庄", 8.9, 0.3, 0.45, SettlementKind.VILLAGE),
            new Settlement("詹庄", 12.6, 3.6, 0.4, SettlementKind.VILLAGE),
            new Settlement("么六桥", 7.0, -1.9, 0.35, SettlementKind.VILLAGE),
            new Settlement("小王庄", 2.4, 2.0, 0.35, SettlementKind.VILLAGE),
            new Settlement("李庄子", 3.0, -4.0, 0.7, SettlementKind.VILLAGE),
            new Settlement("东杨场", 5.6, 3.6, 0.55, SettlementKind.VILLAGE));
    /** The villages inside the band that stay level 3 (enclaves in level 1). */
    private static final String[] ENCLAVES = {"李庄子", "东杨场"};

    /** Kinds of water body, in the order in which they win where they overlap. */
    enum WaterKind { LAKE, RIVER, CANAL }

    /** A water body: its name, kind and polygon in storage and planar coordinates. */
    record WaterBody(String name, WaterKind kind, Geometry storage, Geometry planar) {
    }

    /** A trunk road: its centre line (planar), width (m) and strip in storage and planar coordinates. */
    record Road(String name, LineString centre, double width, Geometry storage, Geometry planar) {
    }

    /** A zone feature. */
    record Zone(String code, String name, String type, Integer level, Geometry storage) {
    }

    /** A street. */
    record Street(String code, String name, Geometry storage, Geometry planar) {
    }

    private static volatile Landscape instance;

    final Polygon outlinePlanar;
    final Polygon outline;
    final List<WaterBody> water = new ArrayList<>();
    final List<Road> roads = new ArrayList<>();
    final Geometry airportPlanar;
    final List<Street> streets = new ArrayList<>();
    final List<Zone> zones = new ArrayList<>();
    /** Planar polygons of levels 1 to 3 (index 0 unused) and of the whole barrier. */
    final Geometry[] levelPlanar = new Geometry[4];
    final Geometry barrierPlanar;
    final Geometry[] areaPlanar = new Geometry[AREAS.length];
    final Geometry corridorPlanar;
    final Geometry haiheCorePlanar;
    final Geometry lakeCorePlanar;
    final Geometry lakeShorePlanar;
    final Geometry riverSidePlanar;
    final Geometry greenbeltPlanar;

    private final IndexedPointInAreaLocator outlineLocator;
    private final IndexedPointInAreaLocator[] levelLocators = new IndexedPointInAreaLocator[4];
    private final IndexedPointInAreaLocator[] areaLocators = new IndexedPointInAreaLocator[AREAS.length];
    private final IndexedPointInAreaLocator corridorLocator;
    private final IndexedPointInAreaLocator haiheCoreLocator;
    private final IndexedPointInAreaLocator lakeCoreLocator;
    private final IndexedPointInAreaLocator lakeShoreLocator;
    private final IndexedPointInAreaLocator riverSideLocator;
    private final IndexedPointInAreaLocator greenbeltLocator;
    private final IndexedPointInAreaLocator airportLocator;
    private final IndexedPointInAreaLocator[] streetLocators = new IndexedPointInAreaLocator[STREETS.length];

    /** The landscape, built on first use. */
    static Landscape get() {
        Landscape l = instance;
        if (l == null) {
            synchronized (Landscape.class) {
                l = instance;
                if (l == null) {
                    l = new Landscape();
                    instance = l;
                }
            }
        }
        return l;
    }

    private Landscape() {
        Coordinate[] ring = outlineRing();
        outlinePlanar = Plane.PLANAR.createPolygon(ring);
        outline = (Polygon) Plane.toStorage(outlinePlanar);
        outlineLocator = locator(outlinePlanar);

        buildWater(ring);
        buildRoads();
        airportPlanar = Shapes.rectangle(Plane.km(-4.6, 0.9), 1700, 4200, StrictMath.toRadians(20));

        buildZonesAndStreets();
        barrierPlanar = Plane.toPlanar(union(levelStorage()));

        SplittableRandom shapes = Rand.stream(20231101L, 1);
        Geometry corridorStorage = clip(Shapes.strip(Shapes.curve(new double[][] {
            {2.6, -12.5}, {3.7, -6.5}, {5.0, -1.2}, {6.1, 3.8}, {7.2, 7.6}, {7.8, 13.5}}, 0.2), 900), barrierStorage());
        Geometry haiheCore = clip(Shapes.blob(4.3, -8.4, 1.9, 0.22, shapes), barrierStorage());
        Geometry lakeCore = clip(Shapes.blob(8.6, 8.7, 2.3, 0.2, shapes), barrierStorage());
        Geometry northRing = clip(Shapes.strip(Shapes.curve(new double[][] {
            {-12.8, 8.0}, {-8.0, 8.3}, {-3.0, 8.9}, {1.5, 9.7}, {5.5, 10.0}, {9.2, 11.4}, {12.2, 9.3}, {12.9, 5.6}},
            0.2), 700), outline);
        Geometry southRing = clip(Shapes.strip(Shapes.curve(new double[][] {
            {-11.8, -4.4}, {-6.2, -5.1}, {-1.6, -6.6}, {3.0, -8.6}, {7.0, -9.9}, {10.4, -9.3}, {12.4, -5.6},
            {12.2, -1.6}}, 0.2), 700), outline);
        zones.add(new Zone("HL-1", "古海岸湿地绿廊", "corridor", null, corridorStorage));
        zones.add(new Zone("LX-1", "海河生态绿芯", "core", null, haiheCore));
        zones.add(new Zone("LX-2", "东丽湖湿地蓝芯", "core", null, lakeCore));
        zones.add(new Zone("HH-N", "北绿环", "ring", null, northRing));
        zones.add(new Zone("HH-S", "南绿环", "ring", null, southRing));
        corridorPlanar = Plane.toPlanar(corridorStorage);
        haiheCorePlanar = Plane.toPlanar(haiheCore);
        lakeCorePlanar = Plane.toPlanar(lakeCore);

        List<Geometry> lakes = new ArrayList<>();
        List<Geometry> rivers = new ArrayList<>();
        for (WaterBody w : water) {
            (w.kind() == WaterKind.LAKE ? lakes : rivers).add(w.planar());
        }
        lakeShorePlanar = UnaryUnionOp.union(lakes).buffer(350);
        riverSidePlanar = UnaryUnionOp.union(rivers).buffer(200);
        greenbeltPlanar = roads.get(0).centre().buffer(450);

        for (int level = 1; level <= 3; level++) {
            levelLocators[level] = locator(levelPlanar[level]);
        }
        for (int i = 0; i < AREAS.length; i++) {
            areaLocators[i] = locator(areaPlanar[i]);
        }
        corridorLocator = locator(corridorPlanar);
        haiheCoreLocator = locator(haiheCorePlanar);
        lakeCoreLocator = locator(lakeCorePlanar);
        lakeShoreLocator = locator(lakeShorePlanar);
        riverSideLocator = locator(riverSidePlanar);
        greenbeltLocator = locator(greenbeltPlanar);
        airportLocator = locator(airportPlanar);
        for (int i = 0; i < streets.size(); i++) {
            streetLocators[i] = locator(streets.get(i).planar());
        }
    }

    // ---------------------------------------------------------------------------------------------------- outline

    private static Coordinate[] outlineRing() {
        Coordinate[] ring = Shapes.spline(OUTLINE, true, 0.3);
        // a little smooth irregularity along the curve, as a surveyed boundary has
        int n = ring.length - 1;
        Coordinate[] out = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            Coordinate prev = ring[(i - 1 + n) % n];
            Coordinate next = ring[(i + 1) % n];
            double tx = next.x - prev.x;
            double ty = next.y - prev.y;
            double len = StrictMath.hypot(tx, ty);
            double offset = 140 * Rand.noise(911, Plane.eastKm(ring[i].x), Plane.northKm(ring[i].y), 2.5);
            out[i] = new Coordinate(ring[i].x + offset * ty / len, ring[i].y - offset * tx / len);
        }
        out[n] = new Coordinate(out[0]);
        // scale about the local origin to the target ground area (the plane is equal-area)
        double area = Plane.PLANAR.createPolygon(out).getArea();
        double k = StrictMath.sqrt(DISTRICT_AREA_M2 / area);
        Coordinate o = Plane.km(0, 0);
        for (int i = 0; i < n; i++) {
            out[i] = new Coordinate(o.x + (out[i].x - o.x) * k, o.y + (out[i].y - o.y) * k);
        }
        out[n] = new Coordinate(out[0]);
        return out;
    }

    /** The index in the outline ring of the vertex at which control point {@code k} starts. */
    private static int controlVertex(int k) {
        int index = 0;
        for (int s = 0; s < k; s++) {
            double[] p1 = OUTLINE[s];
            double[] p2 = OUTLINE[(s + 1) % OUTLINE.length];
            index += Math.max(2, (int) StrictMath.ceil(StrictMath.hypot(p2[0] - p1[0], p2[1] - p1[1]) / 0.3));
        }
        return index;
    }

    // ----------------------------------------------------------------------------------------------- water, roads

    private void buildWater(Coordinate[] outlineRing) {
        int end = controlVertex(HAIHE_END);
        Coordinate[] arc = new Coordinate[end + 1];
        for (int i = 0; i <= end; i++) {
            arc[i] = outlineRing[i];
        }
        LineString haihe = Plane.PLANAR.createLineString(arc);
        addWater("海河", WaterKind.RIVER, Shapes.strip(haihe, 260));
        addWater("金钟河", WaterKind.RIVER, Shapes.strip(Shapes.curve(new double[][] {
            {-15.0, 7.6}, {-11.0, 8.7}, {-7.0, 9.1}, {-3.0, 9.7}, {1.0, 10.4}, {5.0, 10.9}, {9.0, 11.5}, {12.0, 11.0},
            {15.0, 10.2}}, 0.15), 90));
        addWater("东减河", WaterKind.CANAL, Shapes.strip(Shapes.curve(new double[][] {
            {3.0, -12.5}, {4.0, -6.2}, {5.1, -1.0}, {6.1, 3.9}, {7.05, 7.75}}, 0.15), 45));
        addWater("北塘排水河", WaterKind.CANAL, Shapes.strip(Shapes.curve(new double[][] {
            {-15.0, 3.9}, {-8.0, 4.5}, {-2.0, 4.3}, {4.0, 5.1}, {10.0, 4.6}, {15.0, 5.4}}, 0.15), 40));
        addWater("袁家河", WaterKind.CANAL, Shapes.strip(Shapes.curve(new double[][] {
            {-10.6, -7.5}, {-10.1, -2.5}, {-10.3, 2.0}, {-10.7, 6.0}, {-10.2, 8.9}}, 0.15), 30));
        SplittableRandom lakes = Rand.stream(20231101L, 2);
        addWater("东丽湖", WaterKind.LAKE, Shapes.blob(8.3, 8.5, 1.15, 0.3, lakes));
        addWater("清水湖", WaterKind.LAKE, Shapes.blob(10.1, 9.6, 0.5, 0.25, lakes));
    }

    private void addWater(String name, WaterKind kind, Geometry planar) {
        Geometry storage = clip(planar, outline);
        water.add(new WaterBody(name, kind, storage, Plane.toPlanar(storage)));
    }

    private void buildRoads() {
        Geometry waterUnion = waterStorage();
        addRoad("外环线", 60, waterUnion, new double[][] {
            {-7.0, -7.8}, {-7.5, -3.0}, {-7.8, 2.0}, {-7.3, 7.0}, {-6.6, 11.0}, {-6.0, 15.0}});
        addRoad("津汉公路", 40, waterUnion, new double[][] {
            {-15.0, 6.2}, {-9.0, 6.85}, {-3.5, 7.55}, {1.5, 8.3}, {6.0, 9.6}});
        addRoad("津滨高速", 50, waterUnion, new double[][] {
            {-15.0, -2.2}, {-8.0, -3.3}, {-1.0, -4.3}, {5.0, -4.7}, {10.0, -4.4}, {15.0, -5.0}});
        addRoad("机场大道", 45, waterUnion, new double[][] {{-15.0, 0.4}, {-10.0, 0.7}, {-5.75, 0.85}});
        addRoad("东丽大道", 40, waterUnion, new double[][] {
            {0.6, -11.5}, {-0.4, -5.0}, {-0.8, 1.0}, {-0.6, 6.0}, {-1.4, 14.5}});
        addRoad("杨北公路", 35, waterUnion, new double[][] {
            {11.3, -11.0}, {11.6, -5.0}, {10.4, 1.5}, {11.0, 6.5}, {10.3, 12.5}});
    }

    private void addRoad(String name, double width, Geometry waterUnion, double[][] points) {
        LineString centre = Shapes.curve(points, 0.15);
        Geometry storage = OverlayNG.overlay(clip(Shapes.strip(centre, width), outline), waterUnion,
                OverlayNG.DIFFERENCE, Plane.GRID);
        roads.add(new Road(name, centre, width, storage, Plane.toPlanar(storage)));
    }

    /** The union of all water bodies, storage coordinates. */
    Geometry waterStorage() {
        List<Geometry> parts = new ArrayList<>();
        for (WaterBody w : water) {
            parts.add(w.storage());
        }
        return union(parts);
    }

    // ------------------------------------------------------------------------------------------ zones and streets

    private static double bandCentre(double y) {
        return 4.3 + 0.07 * y + 0.7 * StrictMath.sin(y / 4.0 + 0.5);
    }

    private static double bandHalfWidth(double y) {
        return 4.6 + 0.55 * StrictMath.cos(y / 5.0);
    }

    private static Coordinate[] bandEdge(double u) {
        List<Coordinate> c = new ArrayList<>();
        for (int k = -160; k <= 160; k++) {
            double y = k * 0.1;
            c.add(Plane.km(bandCentre(y) + u * bandHalfWidth(y), y));
        }
        return c.toArray(Coordinate[]::new);
    }

    private void buildZonesAndStreets() {
        List<Geometry> lines = new ArrayList<>();
        lines.add(outline.getExteriorRing());

        // the barrier band and its levels
        List<Polygon> bands = new ArrayList<>();
        Coordinate[][] edges = new Coordinate[BAND_CUTS.length][];
        for (int i = 0; i < BAND_CUTS.length; i++) {
            edges[i] = bandEdge(BAND_CUTS[i]);
            lines.add(Plane.toStorage(Plane.PLANAR.createLineString(edges[i])));
        }
        for (int i = 0; i + 1 < BAND_CUTS.length; i++) {
            List<Coordinate> ring = new ArrayList<>(List.of(edges[i]));
            for (int k = edges[i + 1].length - 1; k >= 0; k--) {
                ring.add(edges[i + 1][k]);
            }
            ring.add(new Coordinate(ring.get(0)));
            bands.add(Plane.PLANAR.createPolygon(ring.toArray(Coordinate[]::new)));
        }
        List<IndexedPointInAreaLocator> bandLocators = new ArrayList<>();
        for (Polygon b : bands) {
            bandLocators.add(locator(b));
        }
        List<IndexedPointInAreaLocator> enclaveLocators = new ArrayList<>();
        SplittableRandom enclaveShapes = Rand.stream(20231101L, 3);
        for (String name : ENCLAVES) {
            Settlement s = settlement(name);
            Polygon blob = Shapes.blob(s.x(), s.y(), s.r() * 1.25, 0.25, enclaveShapes);
            enclaveLocators.add(locator(blob));
            lines.add(Plane.toStorage(blob.getExteriorRing()));
        }

        // streets and functional areas: warped Voronoi cells
        List<Coordinate> streetSites = new ArrayList<>();
        List<Integer> streetOfSite = new ArrayList<>();
        for (int s = 0; s < STREET_SEEDS.length; s++) {
            for (double[] p : STREET_SEEDS[s]) {
                streetSites.add(Plane.km(p[0], p[1]));
                streetOfSite.add(s);
            }
        }
        List<IndexedPointInAreaLocator> streetCells = new ArrayList<>();
        List<Integer> streetOfCell = new ArrayList<>();
        voronoi(streetSites, lines, streetCells, streetOfCell, streetOfSite);
        List<Coordinate> areaSites = new ArrayList<>();
        List<Integer> areaOfSite = new ArrayList<>();
        for (int a = 0; a < AREAS.length; a++) {
            areaSites.add(Plane.km((Double) AREAS[a][2], (Double) AREAS[a][3]));
            areaOfSite.add(a);
        }
        List<IndexedPointInAreaLocator> areaCells = new ArrayList<>();
        List<Integer> areaOfCell = new ArrayList<>();
        voronoi(areaSites, lines, areaCells, areaOfCell, areaOfSite);

        // one arrangement for all, so that streets, levels and areas agree along shared boundaries
        List<List<Polygon>> streetFaces = groups(STREETS.length);
        List<List<Polygon>> levelFaces = groups(4);
        List<List<Polygon>> areaFaces = groups(AREAS.length);
        for (Polygon face : Arrangement.faces(lines)) {
            Coordinate p = Plane.toPlanar(InteriorPointArea.getInteriorPoint(face));
            if (outlineLocator.locate(p) != Location.INTERIOR) {
                continue;
            }
            streetFaces.get(streetOfCell.get(find(streetCells, p))).add(face);
            int band = find(bandLocators, p);
            if (band >= 0) {
                levelFaces.get(find(enclaveLocators, p) >= 0 ? 3 : BAND_LEVEL[band]).add(face);
                areaFaces.get(areaOfCell.get(find(areaCells, p))).add(face);
            }
        }
        absorbExclaves(streetFaces);
        for (int s = 0; s < STREETS.length; s++) {
            Geometry g = Arrangement.union(streetFaces.get(s));
            streets.add(new Street(STREETS[s][0], STREETS[s][1], g, Plane.toPlanar(g)));
        }
        String[] levelNames = {null, "一级管控区", "二级管控区", "三级管控区"};
        for (int level = 1; level <= 3; level++) {
            Geometry g = Arrangement.union(levelFaces.get(level));
            zones.add(new Zone("GL-" + level, levelNames[level], "control_level", level, g));
            levelPlanar[level] = Plane.toPlanar(g);
        }
        for (int a = 0; a < AREAS.length; a++) {
            Geometry g = Arrangement.union(areaFaces.get(a));
            zones.add(new Zone((String) AREAS[a][0], (String) AREAS[a][1], "functional_area", null, g));
            areaPlanar[a] = Plane.toPlanar(g);
        }
    }

    /**
     * Hands every small detached part of a group (under a twentieth of its largest part, as where the outline cuts a
     * Voronoi cell in two) to the neighbouring group it shares the most boundary with.
     */
    private static void absorbExclaves(List<List<Polygon>> groups) {
        for (int g = 0; g < groups.size(); g++) {
            Geometry union = Arrangement.union(groups.get(g));
            double largest = 0;
            for (int i = 0; i < union.getNumGeometries(); i++) {
                largest = Math.max(largest, union.getGeometryN(i).getArea());
            }
            for (int i = 0; i < union.getNumGeometries(); i++) {
                Geometry part = union.getGeometryN(i);
                if (part.getArea() >= largest / 20) {
                    continue;
                }
                Set<Arrangement.Segment> edges = Arrangement.segments(part);
                int best = -1;
                double bestShared = 0;
                for (int other = 0; other < groups.size(); other++) {
                    double shared = other == g || groups.get(other).isEmpty() ? 0
                            : Arrangement.sharedLength(Arrangement.union(groups.get(other)), edges);
                    if (shared > bestShared) {
                        best = other;
                        bestShared = shared;
                    }
                }
                if (best >= 0) {
                    List<Polygon> moving = new ArrayList<>();
                    for (Polygon face : groups.get(g)) {
                        if (part.covers(face.getInteriorPoint())) {
                            moving.add(face);
                        }
                    }
                    groups.get(g).removeAll(moving);
                    groups.get(best).addAll(moving);
                }
            }
        }
    }

    /** Adds the warped edges of the Voronoi diagram of the sites to the lines; records each warped cell's group. */
    private void voronoi(List<Coordinate> sites, List<Geometry> lines, List<IndexedPointInAreaLocator> cells,
                         List<Integer> groupOfCell, List<Integer> groupOfSite) {
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        Envelope clip = new Envelope(outlinePlanar.getEnvelopeInternal());
        clip.expandBy(6000);
        builder.setClipEnvelope(clip);
        Geometry diagram = builder.getDiagram(Plane.PLANAR);
        List<Geometry> boundaries = new ArrayList<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Polygon cell = (Polygon) diagram.getGeometryN(i);
            boundaries.add(cell.getExteriorRing());
            Coordinate site = (Coordinate) cell.getUserData();
            int index = -1;
            for (int s = 0; s < sites.size(); s++) {
                if (sites.get(s).equals2D(site)) {
                    index = s;
                }
            }
            cells.add(locator(Shapes.warp(cell, 100)));
            groupOfCell.add(groupOfSite.get(index));
        }
        Geometry merged = UnaryUnionOp.union(boundaries);
        for (int i = 0; i < merged.getNumGeometries(); i++) {
            lines.add(Plane.toStorage(Shapes.warp((LineString) merged.getGeometryN(i), 100)));
        }
    }

    private static List<List<Polygon>> groups(int n) {
        List<List<Polygon>> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(new ArrayList<>());
        }
        return g;
    }

    private static int find(List<IndexedPointInAreaLocator> locators, Coordinate p) {
        for (int i = 0; i < locators.size(); i++) {
            if (locators.get(i).locate(p) != Location.EXTERIOR) {
                return i;
            }
        }
        return -1;
    }

    private List<Geometry> levelStorage() {
        List<Geometry> parts = new ArrayList<>();
        for (Zone z : zones) {
            if ("control_level".equals(z.type())) {
                parts.add(z.storage());
            }
        }
        return parts;
    }

    private Geometry barrierStorage() {
        return union(levelStorage());
    }

    // ------------------------------------------------------------------------------------------------- queries

    static Settlement settlement(String name) {
        for (Settlement s : SETTLEMENTS) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** How built-up a planar point is, 0 (open country) to 1 (city), from the city edge and the settlements. */
    double urban(double x, double y) {
        double kx = Plane.eastKm(x);
        double ky = Plane.northKm(y);
        double city = smoothstep((-5.8 - kx) / 2.4);
        if (ky > 9.0) {
            city *= Math.max(0, 1 - (ky - 9.0) / 2.5);
        }
        double u = city;
        for (Settlement s : SETTLEMENTS) {
            u = Math.max(u, s.intensity(kx, ky));
        }
        return u;
    }

    /** The settlement that makes a planar point most built-up (CITY where the city edge does). */
    SettlementKind settlementKind(double x, double y) {
        double kx = Plane.eastKm(x);
        double ky = Plane.northKm(y);
        double best = smoothstep((-5.8 - kx) / 2.4);
        SettlementKind kind = SettlementKind.CITY;
        for (Settlement s : SETTLEMENTS) {
            double v = s.intensity(kx, ky);
            if (v > best) {
                best = v;
                kind = s.kind();
            }
        }
        return kind;
    }

    private static double smoothstep(double t) {
        t = Math.max(0, Math.min(1, t));
        return t * t * (3 - 2 * t);
    }

    boolean inOutline(Coordinate planar) {
        return outlineLocator.locate(planar) != Location.EXTERIOR;
    }

    /** The control level at a planar point, 0 outside the barrier. */
    int level(Coordinate planar) {
        for (int level = 1; level <= 3; level++) {
            if (levelLocators[level].locate(planar) != Location.EXTERIOR) {
                return level;
            }
        }
        return 0;
    }

    /** The functional area index at a planar point, -1 outside the barrier. */
    int area(Coordinate planar) {
        return find(List.of(areaLocators), planar);
    }

    /** The street index at a planar point, -1 outside the district. */
    int street(Coordinate planar) {
        return find(List.of(streetLocators), planar);
    }

    boolean inCorridor(Coordinate p) {
        return corridorLocator.locate(p) != Location.EXTERIOR;
    }

    boolean inHaiheCore(Coordinate p) {
        return haiheCoreLocator.locate(p) != Location.EXTERIOR;
    }

    boolean inLakeCore(Coordinate p) {
        return lakeCoreLocator.locate(p) != Location.EXTERIOR;
    }

    boolean nearLake(Coordinate p) {
        return lakeShoreLocator.locate(p) != Location.EXTERIOR;
    }

    boolean nearRiver(Coordinate p) {
        return riverSideLocator.locate(p) != Location.EXTERIOR;
    }

    boolean inGreenbelt(Coordinate p) {
        return greenbeltLocator.locate(p) != Location.EXTERIOR;
    }

    boolean inAirport(Coordinate p) {
        return airportLocator.locate(p) != Location.EXTERIOR;
    }

    // --------------------------------------------------------------------------------------------------- helpers

    static IndexedPointInAreaLocator locator(Geometry g) {
        IndexedPointInAreaLocator l = new IndexedPointInAreaLocator(g);
        l.locate(new Coordinate(0, 0)); // builds the index now, before any parallel use
        return l;
    }

    /** Planar shape ∩ a storage polygon, on the storage grid. */
    static Geometry clip(Geometry planar, Geometry storage) {
        return OverlayNG.overlay(Plane.toStorage(planar), storage, OverlayNG.INTERSECTION, Plane.GRID);
    }

    /** The union of storage geometries, on the storage grid. */
    static Geometry union(Collection<Geometry> parts) {
        Geometry result = null;
        for (Geometry g : parts) {
            result = result == null ? g : OverlayNG.overlay(result, g, OverlayNG.UNION, Plane.GRID);
        }
        return result;
    }
}
