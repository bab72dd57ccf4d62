package cn.dongli.carbonmap.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.GeometryProblem;
import cn.dongli.carbonmap.geom.GeometryValidator;
import cn.dongli.carbonmap.layer.AttributeValidator;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * The synthetic Dongli: the district, its streets and zones, the land-cover coverage, and each layer's features and
 * totals, at the sample scale (0.1) and at scale 1.
 */
class DistrictGeneratorTest {

    private static final EqualAreaProjection AREA = EqualAreaProjection.DONGLI;
    private static final LayerCatalog CATALOG = new LayerCatalog();
    private static final double MU = 10000.0 / 15;

    @BeforeAll
    static void generate() {
        GeneratedSets.sample(); // pays for the CRS database start-up, so the next timing is the generator's
        GeneratedSets.full();
    }

    static Stream<Arguments> scales() {
        return Stream.of(Arguments.of(0.1), Arguments.of(1.0));
    }

    private static SyntheticDistrict at(double scale) {
        return scale == 1.0 ? GeneratedSets.full() : GeneratedSets.sample();
    }

    private static double area(Geometry g) {
        return AREA.area(g);
    }

    private static Geometry[] geometries(List<GeneratedFeature> features) {
        return features.stream().map(GeneratedFeature::geometry).toArray(Geometry[]::new);
    }

    private static List<GeneratedFeature> where(SyntheticDistrict d, String layer, String attribute, Object value) {
        return d.features(layer).stream().filter(f -> value.equals(f.attributes().get(attribute))).toList();
    }

    private static GeneratedFeature zone(SyntheticDistrict d, String code) {
        return where(d, SyntheticDistrict.ZONES, "code", code).get(0);
    }

    // ---------------------------------------------------------------------------------------------- the district

    @Test
    void districtHasTheAreaOfDongliInsideItsBox() {
        Polygon outline = GeneratedSets.sample().outline();
        assertTrue(outline.isValid());
        double km2 = area(outline) / 1e6;
        assertTrue(km2 >= 470 && km2 <= 478, "district area " + km2 + " km²");
        Envelope env = outline.getEnvelopeInternal();
        assertTrue(new Envelope(117.23, 117.56, 38.99, 39.25).contains(env), "outline extent " + env);
        assertTrue(outline.getNumPoints() >= 200 && outline.getNumPoints() <= 800, outline.getNumPoints() + " vertices");
        assertTrue(outline.equalsExact(GeneratedSets.full().outline()), "the outline does not depend on the scale");
    }

    @Test
    void streetsAreTheTenRealStreetsCoveringTheDistrict() {
        SyntheticDistrict d = GeneratedSets.sample();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("120110001000", "张贵庄街道");
        expected.put("120110002000", "丰年村街道");
        expected.put("120110003000", "万新街道");
        expected.put("120110004000", "无瑕街道");
        expected.put("120110005000", "新立街道");
        expected.put("120110006000", "华明街道");
        expected.put("120110007000", "金钟街道");
        expected.put("120110008000", "军粮城街道");
        expected.put("120110009000", "金桥街道");
        expected.put("120110010000", "东丽湖街道");
        Map<String, String> actual = new LinkedHashMap<>();
        for (GeneratedFeature f : d.features(SyntheticDistrict.STREETS)) {
            actual.put((String) f.attributes().get("code"), (String) f.attributes().get("name"));
            assertTrue(f.geometry() instanceof Polygon, f.attributes().get("name") + " is in one piece");
        }
        assertEquals(expected, actual);
        checkCoverageOfDistrict(d, geometries(d.features(SyntheticDistrict.STREETS)));
    }

    @Test
    void streetsLieRoughlyWhereTheRealOnesAre() {
        SyntheticDistrict d = GeneratedSets.sample();
        Point centre = d.outline().getCentroid();
        Map<String, Point> at = new HashMap<>();
        for (GeneratedFeature f : d.features(SyntheticDistrict.STREETS)) {
            at.put((String) f.attributes().get("name"), f.geometry().getInteriorPoint());
        }
        for (String west : List.of("张贵庄街道", "万新街道", "丰年村街道", "无瑕街道", "金钟街道")) {
            assertTrue(at.get(west).getX() < centre.getX() - 0.05, west + " lies in the west");
        }
        assertTrue(at.get("金钟街道").getY() > centre.getY(), "金钟 lies in the north-west");
        assertTrue(at.get("华明街道").getY() > centre.getY() + 0.03, "华明 lies in the north");
        assertTrue(at.get("东丽湖街道").getX() > centre.getX() && at.get("东丽湖街道").getY() > centre.getY(),
                "东丽湖 lies in the north-east");
        assertTrue(at.get("军粮城街道").getX() > centre.getX() && at.get("军粮城街道").getY() < centre.getY(),
                "军粮城 lies in the south-east");
    }

    // -------------------------------------------------------------------------------------------------- zones

    @Test
    void controlLevelsPartitionTheBarrierWithoutOverlapping() {
        SyntheticDistrict d = GeneratedSets.sample();
        double district = area(d.outline());
        Geometry[] levels = {zone(d, "GL-1").geometry(), zone(d, "GL-2").geometry(), zone(d, "GL-3").geometry()};
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, zone(d, "GL-" + (i + 1)).attributes().get("level"));
            for (int j = i + 1; j < 3; j++) {
                assertFalse(levels[i].relate(levels[j], "T********"), "levels " + (i + 1) + " and " + (j + 1) + " overlap");
            }
        }
        assertTrue(CoverageValidator.isValid(levels), "the levels do not form a valid coverage");
        double barrier = area(CoverageUnion.union(levels));
        assertTrue(barrier / district >= 0.35 && barrier / district <= 0.50, "barrier share " + barrier / district);
        double level1 = area(levels[0]);
        assertTrue(level1 / barrier >= 0.40 && level1 / barrier <= 0.50, "level 1 share " + level1 / barrier);

        List<GeneratedFeature> areas = where(d, SyntheticDistrict.ZONES, "zone_type", "functional_area");
        assertEquals(Set.of("金钟河湿地片区", "双湖富氧游憩区", "华明有机田园区", "文化融合体验区", "林水涵养区", "环境防护区"),
                Set.copyOf(areas.stream().map(f -> f.attributes().get("name")).toList()));
        Geometry[] parts = geometries(areas);
        assertTrue(CoverageValidator.isValid(parts), "the functional areas do not form a valid coverage");
        assertEquals(barrier, area(CoverageUnion.union(parts)), barrier * 1e-4, "the functional areas fill the barrier");
    }

    @Test
    void barrierStructureHasItsCorridorCoresAndRings() {
        SyntheticDistrict d = GeneratedSets.sample();
        Map<String, String> expected = Map.of("HL-1", "古海岸湿地绿廊", "LX-1", "海河生态绿芯", "LX-2", "东丽湖湿地蓝芯",
                "HH-N", "北绿环", "HH-S", "南绿环");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            GeneratedFeature z = zone(d, e.getKey());
            assertEquals(e.getValue(), z.attributes().get("name"));
            assertTrue(area(z.geometry()) > 5e6, e.getValue() + " is a substantial area");
        }
        assertEquals(14, d.count(SyntheticDistrict.ZONES));
    }

    // ---------------------------------------------------------------------------------------------- land cover

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void landCoverIsACoverageOfTheDistrict(double scale) {
        SyntheticDistrict d = at(scale);
        checkCoverageOfDistrict(d, geometries(d.features(SyntheticDistrict.LAND_COVER)));
    }

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void landCoverSourceCodesAgreeWithTheClass(double scale) {
        SyntheticDistrict d = at(scale);
        Map<String, String> codes = CATALOG.get(LayerCatalog.LAND_COVER).attribute("class").orElseThrow().aliases();
        int withCode = 0;
        for (GeneratedFeature f : d.features(SyntheticDistrict.LAND_COVER)) {
            String code = (String) f.attributes().get("source_code");
            if (code != null) {
                withCode++;
                assertEquals(f.attributes().get("class"), codes.get(code), "source_code " + code);
            }
        }
        double share = withCode / (double) d.count(SyntheticDistrict.LAND_COVER);
        assertTrue(share > 0.07 && share < 0.13, "share with a source_code " + share);
    }

    // -------------------------------------------------------------------------------------------- all features

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void everyFeaturePassesTheCataloguesValidation(double scale) {
        SyntheticDistrict d = at(scale);
        GeometryValidator geometryValidator = GeometryValidator.tianjin();
        for (String layerName : SyntheticDistrict.LAYERS) {
            Layer layer = CATALOG.get(layerName);
            int n = 0;
            for (GeneratedFeature f : d.features(layerName)) {
                String where = layerName + " #" + n++;
                AttributeValidator.Result result = AttributeValidator.validate(layer, f.attributes());
                assertTrue(result.valid(), where + ": " + result.problems());
                assertTrue(result.extra().isEmpty(), where + " has extra properties " + result.extra());
                for (Map.Entry<String, Object> e : f.attributes().entrySet()) {
                    assertEquals(result.attributes().get(e.getKey()), e.getValue(), where + " " + e.getKey() + " is typed");
                }
                List<GeometryProblem> problems = geometryValidator.validate(f.geometry());
                assertTrue(problems.isEmpty(), where + ": " + problems);
                checkStorageForm(f.geometry(), where);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- overlaps

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void forestPlotsFarmlandAndRoofsDoNotOverlapAmongThemselves(double scale) {
        SyntheticDistrict d = at(scale);
        for (String layer : List.of(SyntheticDistrict.FOREST_PLOTS, SyntheticDistrict.FARMLAND,
                SyntheticDistrict.PV_ROOFTOPS)) {
            checkNoOverlap(layer, d.features(layer));
        }
    }

    @Test
    void checkNoOverlapFindsAnOverlap() {
        Geometry a = GeneratedSets.sample().features(SyntheticDistrict.FOREST_PLOTS).get(0).geometry();
        Geometry b = a.buffer(-1e-6);
        try {
            checkNoOverlap("test", List.of(new GeneratedFeature(a, Map.of()), new GeneratedFeature(b, Map.of())));
        } catch (AssertionError expected) {
            return;
        }
        fail("an overlap went unnoticed");
    }

    @Test
    void checkCoverageFindsAGapAndAnOverlap() {
        SyntheticDistrict d = GeneratedSets.sample();
        Geometry[] streets = geometries(d.features(SyntheticDistrict.STREETS));
        Geometry[] gap = Arrays.copyOf(streets, streets.length - 1);
        Geometry[] overlap = streets.clone();
        overlap[0] = overlap[0].buffer(0.001);
        for (Geometry[] broken : List.of(gap, overlap)) {
            try {
                checkCoverageOfDistrict(d, broken);
            } catch (AssertionError expected) {
                continue;
            }
            fail("a broken coverage passed");
        }
    }

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void plotsLieOnForestOrGrasslandAndRoofsOnBuiltLand(double scale) {
        SyntheticDistrict d = at(scale);
        STRtree cover = new STRtree();
        for (GeneratedFeature f : d.features(SyntheticDistrict.LAND_COVER)) {
            cover.insert(f.geometry().getEnvelopeInternal(), f);
        }
        checkOnClass(cover, d.features(SyntheticDistrict.FOREST_PLOTS), Set.of("forest", "grassland"));
        checkOnClass(cover, d.features(SyntheticDistrict.PV_ROOFTOPS), Set.of("built"));
        // farmland: mostly on cropland
        double accepted = 0;
        double onCropland = 0;
        for (GeneratedFeature f : where(d, SyntheticDistrict.FARMLAND, "status", "accepted")) {
            Geometry g = f.geometry();
            accepted += area(g);
            for (Object o : cover.query(g.getEnvelopeInternal())) {
                GeneratedFeature lc = (GeneratedFeature) o;
                if ("cropland".equals(lc.attributes().get("class")) && lc.geometry().intersects(g)) {
                    onCropland += area(lc.geometry().intersection(g));
                }
            }
        }
        assertTrue(onCropland / accepted > 0.8, "accepted farmland on cropland " + onCropland / accepted);
    }

    // ---------------------------------------------------------------------------------------------- the counts

    @Test
    void countsScaleAsSpecified() {
        SyntheticDistrict small = GeneratedSets.sample();
        SyntheticDistrict full = GeneratedSets.full();
        for (SyntheticDistrict d : List.of(small, full)) {
            checkAbout(20_000 * d.scale(), d.count(SyntheticDistrict.LAND_COVER), "land cover at " + d.scale());
            checkAbout(4_500 * d.scale(), d.count(SyntheticDistrict.FOREST_PLOTS), "forest plots at " + d.scale());
            checkAbout(36_000 * d.scale(), d.count(SyntheticDistrict.PV_ROOFTOPS), "rooftops at " + d.scale());
            assertEquals(14, d.count(SyntheticDistrict.ZONES));
            assertEquals(10, d.count(SyntheticDistrict.STREETS));
            int parks = d.count(SyntheticDistrict.PARKS);
            assertTrue(parks >= 40 && parks <= 60, parks + " parks");
            int farmland = d.count(SyntheticDistrict.FARMLAND);
            assertTrue(farmland >= 60 && farmland <= 120, farmland + " farmland projects");
        }
        for (String layer : List.of(SyntheticDistrict.ZONES, SyntheticDistrict.STREETS, SyntheticDistrict.PARKS,
                SyntheticDistrict.FARMLAND)) {
            checkSame(small.features(layer), full.features(layer), layer + " does not depend on the scale");
        }
    }

    // ---------------------------------------------------------------------------------------------- the totals

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void totalsSitNearThePlansTargets(double scale) {
        DistrictSummary s = DistrictSummary.of(at(scale));
        System.out.println("scale " + scale + ": " + s);
        assertTrue(s.forestStockM3() >= 55_000 && s.forestStockM3() <= 62_000, "stock " + s.forestStockM3());
        assertTrue(s.forestStockBarrierM3() >= 59_000 && s.forestStockBarrierM3() <= 61_000,
                "stock in the barrier " + s.forestStockBarrierM3());
        assertTrue(s.acceptedFarmlandMu() >= 22_000 && s.acceptedFarmlandMu() <= 25_000,
                "accepted farmland " + s.acceptedFarmlandMu() + " 亩");
        assertTrue(s.forestCoverLevel1() >= 0.24 && s.forestCoverLevel1() <= 0.28,
                "forest cover in level 1 " + s.forestCoverLevel1());
        // near the plan's 65 % and 85 %, counted as the indicator engine counts by default (cropland included)
        assertTrue(s.blueGreenBarrierAllLayers() >= 0.58 && s.blueGreenBarrierAllLayers() <= 0.68,
                "blue-green share of the barrier " + s.blueGreenBarrierAllLayers());
        assertTrue(s.blueGreenLevel1AllLayers() >= 0.80 && s.blueGreenLevel1AllLayers() <= 0.92,
                "blue-green share of level 1 " + s.blueGreenLevel1AllLayers());
        double newShare = s.newPvInstalled() / (double) s.newPvEligible();
        assertTrue(newShare >= 0.35 && newShare <= 0.45, "PV on new public and factory roofs " + newShare);
    }

    @Test
    void forestAreaAndStockDoNotDependOnTheScale() {
        DistrictSummary small = DistrictSummary.of(GeneratedSets.sample());
        DistrictSummary full = DistrictSummary.of(GeneratedSets.full());
        assertEquals(full.forestAreaHa(), small.forestAreaHa(), 0.03 * full.forestAreaHa(), "forest area");
        assertEquals(full.forestStockM3(), small.forestStockM3(), 0.01 * full.forestStockM3(), "forest stock");
    }

    @Test
    void thePlansFarmlandProjectsAndParksAreThere() {
        SyntheticDistrict d = GeneratedSets.sample();
        GeneratedFeature jinqiao = d.features(SyntheticDistrict.FARMLAND).stream()
                .filter(f -> ((String) f.attributes().get("project")).startsWith("金桥街2023年")).findFirst().orElseThrow();
        checkFarmland(jinqiao, 800, "金桥街道");
        GeneratedFeature chitu = where(d, SyntheticDistrict.FARMLAND, "project", "华明街赤土村高标准农田提升改造项目").get(0);
        checkFarmland(chitu, 3430, "华明街道");

        Map<String, String> parks = new HashMap<>();
        Map<String, Integer> years = new HashMap<>();
        for (GeneratedFeature f : d.features(SyntheticDistrict.PARKS)) {
            parks.put((String) f.attributes().get("name"), (String) f.attributes().get("status"));
            years.put((String) f.attributes().get("name"), (Integer) f.attributes().get("year"));
        }
        for (String name : List.of("程林公园", "程盛公园")) {
            assertTrue(Set.of("built", "under_construction").contains(parks.get(name)), name + " " + parks.get(name));
            assertTrue(years.get(name) >= 2023 && years.get(name) <= 2025, name + " " + years.get(name));
        }
        for (String name : List.of("金隅公园", "花柏园", "绿岛公园")) {
            assertEquals("built", parks.get(name), name);
        }
    }

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void forestPlotAttributesArePlausible(double scale) {
        List<GeneratedFeature> plots = at(scale).features(SyntheticDistrict.FOREST_PLOTS);
        Map<String, Integer> species = new HashMap<>();
        int sparse = 0;
        for (GeneratedFeature f : plots) {
            Map<String, Object> a = f.attributes();
            species.merge((String) a.get("species"), 1, Integer::sum);
            double canopy = (Double) a.get("canopy_closure");
            assertTrue(canopy >= 0.1 && canopy <= 0.9, "canopy " + canopy);
            sparse += canopy < 0.2 ? 1 : 0;
            int planted = (Integer) a.get("planted_year");
            assertTrue(planted >= 1995 && planted <= 2023, "planted " + planted);
            LocalDate survey = (LocalDate) a.get("survey_date");
            assertTrue(survey.getYear() >= 2023 && survey.getYear() <= 2024, "survey " + survey);
            double haYears = area(f.geometry()) / 1e4 * Math.max(0.5, survey.getYear() - planted);
            double stock = (Double) a.get("stock_m3");
            double slack = 0.05 + 1e-4 * stock; // rounding to 0.1 m³; the area measured after rounding coordinates
            assertTrue(stock >= 3 * haYears - slack && stock <= 8 * haYears + slack,
                    "stock " + stock + " m³ is not 3–8 m³/ha/yr for " + haYears + " ha·yr");
            assertTrue(((String) a.get("plot_code")).matches("DL-\\d{4,}"));
        }
        assertEquals(plots.size(), plots.stream().map(f -> f.attributes().get("plot_code")).distinct().count());
        double sparseShare = sparse / (double) plots.size();
        assertTrue(sparseShare > 0.05 && sparseShare < 0.15, "share with canopy below 0.2 " + sparseShare);
        int poplar = species.get("poplar");
        int ash = species.get("ash");
        for (Map.Entry<String, Integer> e : species.entrySet()) {
            if (!Set.of("poplar", "ash").contains(e.getKey())) {
                assertTrue(e.getValue() < Math.min(poplar, ash), e + " is more common than poplar or ash");
            }
        }
    }

    @ParameterizedTest(name = "scale {0}")
    @MethodSource("scales")
    void rooftopAttributesArePlausible(double scale) {
        List<GeneratedFeature> roofs = at(scale).features(SyntheticDistrict.PV_ROOFTOPS);
        int recent = 0;
        Map<String, Integer> uses = new HashMap<>();
        for (GeneratedFeature f : roofs) {
            Map<String, Object> a = f.attributes();
            double roof = (Double) a.get("roof_area_m2");
            assertEquals(Math.round(area(f.geometry()) * 10) / 10.0, roof, 0.1001, "roof area is the ground area");
            assertTrue(roof >= 100 && roof <= 45_000, "roof " + roof);
            int year = (Integer) a.get("built_year");
            assertTrue(year >= 1990 && year <= 2025, "built " + year);
            recent += year >= 2022 ? 1 : 0;
            uses.merge((String) a.get("building_use"), 1, Integer::sum);
            double pv = (Double) a.get("pv_area_m2");
            double capacity = (Double) a.get("pv_capacity_kwp");
            if (Boolean.TRUE.equals(a.get("pv_installed"))) {
                assertTrue(pv > 0 && pv <= roof, "pv " + pv + " on " + roof);
                assertTrue(capacity >= 0.15 * pv - 0.1 && capacity <= 0.2 * pv + 0.1, capacity + " kWp on " + pv + " m²");
            } else {
                assertEquals(0.0, pv);
                assertEquals(0.0, capacity);
            }
        }
        double recentShare = recent / (double) roofs.size();
        assertTrue(recentShare > 0.10 && recentShare < 0.20, "built 2022 or later " + recentShare);
        assertEquals(Set.of("public_institution", "factory", "residential", "commercial"), uses.keySet());
    }

    // ---------------------------------------------------------------------------------------------- determinism

    @Test
    void theSameSeedGivesTheSameDataSet() {
        SyntheticDistrict again = DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, DistrictGenerator.SAMPLE_SCALE);
        SyntheticDistrict sample = GeneratedSets.sample();
        for (String layer : SyntheticDistrict.LAYERS) {
            checkSame(sample.features(layer), again.features(layer), layer);
        }
        SyntheticDistrict other = GeneratedSets.get(7, DistrictGenerator.SAMPLE_SCALE);
        assertFalse(Arrays.equals(classes(sample), classes(other)), "another seed gives another land cover");
    }

    @Test
    void scaleOutOfRangeIsRefused() {
        try {
            DistrictGenerator.generate(1, 0);
        } catch (IllegalArgumentException expected) {
            return;
        }
        fail("scale 0 was accepted");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static String[] classes(SyntheticDistrict d) {
        return d.features(SyntheticDistrict.LAND_COVER).stream().map(f -> (String) f.attributes().get("class"))
                .toArray(String[]::new);
    }

    private static void checkCoverageOfDistrict(SyntheticDistrict d, Geometry[] coverage) {
        Geometry[] invalid = CoverageValidator.validate(coverage);
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < invalid.length; i++) {
            if (invalid[i] != null) {
                bad.add(i);
            }
        }
        assertTrue(bad.isEmpty(), "invalid coverage polygons " + bad.subList(0, Math.min(10, bad.size())));
        double district = area(d.outline());
        double sum = 0;
        for (Geometry g : coverage) {
            sum += area(g);
        }
        assertEquals(district, sum, district * 1e-4, "the polygons' areas add up to the district");
        Geometry union = CoverageUnion.union(coverage);
        assertEquals(district, area(union), district * 1e-4, "the union is the district");
        assertEquals(0, area(union.symDifference(d.outline())), district * 1e-4, "the union is the district's shape");
    }

    private static void checkStorageForm(Geometry g, String where) {
        assertEquals(4490, g.getSRID(), where + " SRID");
        for (Coordinate c : g.getCoordinates()) {
            assertEquals(Math.round(c.x * 1e7) / 1e7, c.x, 0.0, where + " longitude has more than 7 decimals");
            assertEquals(Math.round(c.y * 1e7) / 1e7, c.y, 0.0, where + " latitude has more than 7 decimals");
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            assertTrue(Orientation.isCCW(p.getExteriorRing().getCoordinateSequence()), where + " shell winding");
        }
    }

    private static void checkNoOverlap(String layer, List<GeneratedFeature> features) {
        STRtree index = new STRtree();
        for (int i = 0; i < features.size(); i++) {
            index.insert(features.get(i).geometry().getEnvelopeInternal(), i);
        }
        for (int i = 0; i < features.size(); i++) {
            Geometry g = features.get(i).geometry();
            for (Object o : index.query(g.getEnvelopeInternal())) {
                int j = (Integer) o;
                if (j > i && g.intersects(features.get(j).geometry())) {
                    assertFalse(g.relate(features.get(j).geometry(), "T********"),
                            layer + " #" + i + " and #" + j + " overlap");
                }
            }
        }
    }

    private static void checkOnClass(STRtree cover, List<GeneratedFeature> features, Set<String> classes) {
        for (GeneratedFeature f : features) {
            Geometry g = f.geometry();
            boolean covered = false;
            for (Object o : cover.query(g.getEnvelopeInternal())) {
                GeneratedFeature lc = (GeneratedFeature) o;
                if (classes.contains(lc.attributes().get("class")) && lc.geometry().covers(g)) {
                    covered = true;
                    break;
                }
            }
            assertTrue(covered, f.attributes() + " does not lie on " + classes);
        }
    }

    private static void checkAbout(double expected, int actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 0.1 * expected, what + ": " + actual + ", expected about " + expected);
    }

    private static void checkSame(List<GeneratedFeature> a, List<GeneratedFeature> b, String what) {
        assertEquals(a.size(), b.size(), what + ": count");
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).geometry().equalsExact(b.get(i).geometry()), what + " #" + i + ": geometry");
            assertEquals(a.get(i).attributes(), b.get(i).attributes(), what + " #" + i + ": attributes");
        }
    }

    private static void checkFarmland(GeneratedFeature f, double mu, String street) {
        assertNotNull(f);
        assertEquals("accepted", f.attributes().get("status"));
        assertEquals(2023, f.attributes().get("year"));
        assertEquals(street, f.attributes().get("street"));
        assertEquals(mu, area(f.geometry()) / MU, mu * 0.01, f.attributes().get("project") + " area in 亩");
    }
}
