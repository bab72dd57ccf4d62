package cn.dongli.carbonmap.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Where to act (candidate sites, rooftop PV potential) through the API on both storage profiles, on a small district
 * drawn by hand: two streets under one level-1 zone; a bare parcel half under a built park, a bare parcel across the
 * two streets, a grassland parcel half under a low-canopy forest plot, cropland, a bare parcel under planned
 * high-standard farmland, cropland half under farmland under construction; five rooftops with and without recorded
 * capacity. The expected areas are those of the
 * pieces drawn by hand (east half, the part in one street…); the PV figures follow from the default parameters by
 * hand. Then a candidate set becomes a scenario's drafts and the engine's figures of that scenario grow by what the
 * set was said to add.
 */
abstract class WhereToActApiContract {

    private static final WKTReader WKT = new WKTReader(Geometries.STORAGE);
    static final String S1 = "120110001000";
    static final String S2 = "120110002000";

    @LocalServerPort
    int port;

    @Autowired
    FeatureImporter importer;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    FeatureStore store;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi anonymous;
    HttpApi admin;

    static Geometry box(double x0, double y0, double x1, double y1) {
        try {
            return WKT.read("POLYGON((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " " + y1 + ", " + x0 + " "
                    + y1 + ", " + x0 + " " + y0 + "))");
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static double area(Geometry g) {
        return EqualAreaProjection.DONGLI.area(g);
    }

    private static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @BeforeEach
    void handDrawnDistrict() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        Map<String, List<Object[]>> layers = new LinkedHashMap<>();
        layers.put(LayerCatalog.ZONES, List.<Object[]>of(new Object[] {box(117.40, 39.10, 117.44, 39.12),
                attrs("code", "Z1", "name", "一级管控区甲", "zone_type", "control_level", "level", 1L)}));
        layers.put(LayerCatalog.STREETS, List.of(
                new Object[] {box(117.40, 39.10, 117.42, 39.12), attrs("code", S1, "name", "甲街道")},
                new Object[] {box(117.42, 39.10, 117.44, 39.12), attrs("code", S2, "name", "乙街道")}));
        layers.put(LayerCatalog.LAND_COVER, List.of(
                new Object[] {box(117.400, 39.100, 117.404, 39.104), attrs("class", "bare")},       // A
                new Object[] {box(117.404, 39.100, 117.408, 39.104), attrs("class", "grassland")},  // C
                new Object[] {box(117.408, 39.100, 117.412, 39.104), attrs("class", "cropland")},   // D
                new Object[] {box(117.412, 39.100, 117.417, 39.104), attrs("class", "forest")},     // E
                new Object[] {box(117.417, 39.100, 117.422, 39.106), attrs("class", "bare")},       // B
                new Object[] {box(117.422, 39.100, 117.426, 39.104), attrs("class", "cropland")},   // H
                new Object[] {box(117.430, 39.100, 117.434, 39.104), attrs("class", "bare")}));     // G
        layers.put(LayerCatalog.FOREST_PLOTS, List.<Object[]>of(new Object[] {box(117.404, 39.100, 117.406, 39.104),
                attrs("plot_code", "P1", "species", "poplar", "canopy_closure", 0.1, "stock_m3", 10.0)}));
        layers.put(LayerCatalog.PARKS, List.<Object[]>of(new Object[] {box(117.400, 39.100, 117.402, 39.104),
                attrs("name", "甲公园", "status", "built", "year", 2020L)}));
        layers.put(LayerCatalog.FARMLAND, List.of(
                new Object[] {box(117.430, 39.100, 117.434, 39.104),
                        attrs("project", "乙高标准农田", "status", "planned", "year", 2025L)},
                new Object[] {box(117.422, 39.100, 117.424, 39.104),
                        attrs("project", "乙在建农田", "status", "under_construction", "year", 2025L)}));
        layers.put(LayerCatalog.PV_ROOFTOPS, List.of(
                roof(117.4100, 2000, "factory", 2023L, false, null, null),                 // R1
                roof(117.4110, 1000, "factory", 2023L, true, 250.0, 55.0),                 // R2
                roof(117.4120, 500, "public_institution", 2024L, true, 100.0, null),       // R3
                roof(117.4130, 300, "residential", 2010L, false, null, null),              // R4
                roof(117.4140, 800, "public_institution", 2022L, false, null, null)));     // R5
        for (Layer layer : catalog.all()) {
            List<SourceFeature> features = new ArrayList<>();
            for (Object[] f : layers.getOrDefault(layer.name(), List.of())) {
                @SuppressWarnings("unchecked")
                Map<String, Object> a = new HashMap<>((Map<String, Object>) f[1]);
                features.add(SourceFeature.of(features.size(), (Geometry) f[0], a));
            }
            FeatureImporter.Result r = importer.importDataset(layer, new SourceDataset(features,
                    new cn.dongli.carbonmap.geom.Crs.Code(4490, false), "hand-drawn"), true);
            assertThat(r.skipped()).as(layer.name()).isZero();
        }
        jdbc.update("UPDATE pv_parameter SET param_value = 0.3 WHERE param_key = 'usable_fraction.factory'");
    }

    private static Object[] roof(double x, double roofArea, String use, long year, boolean pv, Double pvArea,
                                 Double kwp) {
        Map<String, Object> a = attrs("building_use", use, "built_year", year, "roof_area_m2", roofArea,
                "pv_installed", pv);
        if (pvArea != null) {
            a.put("pv_area_m2", pvArea);
        }
        if (kwp != null) {
            a.put("pv_capacity_kwp", kwp);
        }
        return new Object[] {box(x, 39.110, x + 0.0005, 39.1105), a};
    }

    private long id(String layer, String attribute, Object value, Geometry where) {
        List<Feature> all = new ArrayList<>();
        store.forEach(catalog.get(layer), all::add);
        return all.stream().filter(f -> value.equals(f.attributes().get(attribute))
                        && (where == null || f.geometry().getEnvelopeInternal().equals(where.getEnvelopeInternal())))
                .findFirst().orElseThrow().id();
    }

    private JsonNode candidates(String query) {
        HttpApi.Response r = anonymous.get("/api/candidates?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static Map<String, Double> addedById(JsonNode answer) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonNode c : answer.get("candidates")) {
            m.put(c.get("layer").asString() + "/" + c.get("id").asLong(), c.get("addedM2").asDouble());
        }
        return m;
    }

    // --- candidate sites ------------------------------------------------------------------------------------------

    @Test
    void aBareParcelHalfUnderAParkAddsItsOtherHalfAndAParcelAcrossTwoStreetsAddsItsPartInEach() {
        long a = id(LayerCatalog.LAND_COVER, "class", "bare", box(117.400, 39.100, 117.404, 39.104));
        long b = id(LayerCatalog.LAND_COVER, "class", "bare", box(117.417, 39.100, 117.422, 39.106));
        JsonNode s1 = candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare");
        Map<String, Double> added = addedById(s1);
        assertThat(added).containsOnlyKeys("land_cover/" + a, "land_cover/" + b);
        assertThat(added.get("land_cover/" + a)).isCloseTo(area(box(117.402, 39.100, 117.404, 39.104)), within(0.5));
        assertThat(added.get("land_cover/" + b)).isCloseTo(area(box(117.417, 39.100, 117.420, 39.106)), within(0.5));
        // ranked by area added: B's part in the street is larger than A's free half
        assertThat(s1.get("candidates").get(0).get("id").asLong()).isEqualTo(b);
        assertThat(s1.get("targetFrom").asString()).isEqualTo("plan-elsewhere");
        assertThat(s1.get("target").asDouble()).isEqualTo(0.65);

        JsonNode s2 = candidates("unit=street&code=" + S2 + "&indicator=blueGreenShare");
        // the bare parcel under planned high-standard farmland is protected: never a candidate
        assertThat(addedById(s2)).containsOnlyKeys("land_cover/" + b);
        assertThat(addedById(s2).get("land_cover/" + b)).isCloseTo(area(box(117.420, 39.100, 117.422, 39.106)),
                within(0.5));
    }

    private static String feature(double x0, double y0, double x1, double y1, String properties) {
        return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[" + x0 + ", " + y0
                + "], [" + x1 + ", " + y0 + "], [" + x1 + ", " + y1 + "], [" + x0 + ", " + y1 + "], [" + x0 + ", " + y0
                + "]]]}, \"properties\": " + properties + "}";
    }

    @Test
    void anEditCountsInTheNextAnswerForEveryUnit() {
        long a = id(LayerCatalog.LAND_COVER, "class", "bare", box(117.400, 39.100, 117.404, 39.104));
        long b = id(LayerCatalog.LAND_COVER, "class", "bare", box(117.417, 39.100, 117.422, 39.106));
        // the street, its zone and the district asked once: what they read and overlaid is kept
        assertThat(addedById(candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare")))
                .containsOnlyKeys("land_cover/" + a, "land_cover/" + b);
        assertThat(addedById(candidates("unit=level&code=L1&indicator=blueGreenShare"))).containsKey("land_cover/" + a);
        // a park built on A's free half: A adds nothing more, in the street and in the zone
        HttpApi.Response park = admin.post("/api/layers/parks/features", "application/geo+json",
                feature(117.402, 39.100, 117.404, 39.104, "{\"name\": \"甲公园二期\", \"status\": \"built\", \"year\": 2024}"));
        assertThat(park.status()).as(park.body()).isEqualTo(201);
        assertThat(addedById(candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare")))
                .containsOnlyKeys("land_cover/" + b);
        assertThat(addedById(candidates("unit=level&code=L1&indicator=blueGreenShare")))
                .doesNotContainKey("land_cover/" + a);
        // B planted (its class edited to forest): no longer a parcel the rules convert
        HttpApi.Response planted = admin.put("/api/layers/land_cover/features/" + b, "\"1\"",
                feature(117.417, 39.100, 117.422, 39.106, "{\"class\": \"forest\"}"));
        assertThat(planted.status()).as(planted.body()).isEqualTo(200);
        assertThat(addedById(candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare"))).isEmpty();
        assertThat(addedById(candidates("unit=street&code=" + S2 + "&indicator=blueGreenShare"))).isEmpty();
    }

    @Test
    void theGapAndTheGreedyClosingSetFollowTheUnitsFigures() {
        JsonNode m = anonymous.get("/api/metrics").json();
        JsonNode street = null;
        for (JsonNode u : m) {
            if (u.get("code").asString().equals(S1)) {
                street = u;
            }
        }
        assertThat(street).isNotNull();
        double unitArea = street.get("areaM2").asDouble();
        double have = street.get("blueGreenM2").asDouble();
        // a target 1 m² above what the street has: the largest candidate alone closes it
        double target = (have + 1) / unitArea;
        JsonNode one = candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare&target=" + target);
        assertThat(one.get("gapM2").asDouble()).isCloseTo(1.0, within(1e-3));
        assertThat(one.get("targetFrom").asString()).isEqualTo("request");
        JsonNode set = one.get("closingSet");
        assertThat(set.get("count").asInt()).isEqualTo(1);
        assertThat(set.get("closesGap").asBoolean()).isTrue();
        assertThat(set.get("ids").get(0).get("id").asLong()).isEqualTo(one.get("candidates").get(0).get("id").asLong());
        // everything: the set is every candidate, and it does not close the gap
        JsonNode all = candidates("unit=street&code=" + S1 + "&indicator=blueGreenShare&target=1");
        double sum = 0;
        for (JsonNode c : all.get("candidates")) {
            sum += c.get("addedM2").asDouble();
            assertThat(c.get("inClosingSet").asBoolean()).isTrue();
        }
        assertThat(all.get("gapM2").asDouble()).isCloseTo(unitArea - have, within(1e-6 * unitArea));
        assertThat(all.get("closingSet").get("addedM2").asDouble()).isCloseTo(sum, within(1e-6));
        assertThat(all.get("closingSet").get("closesGap").asBoolean()).isFalse();
        assertThat(all.get("closingSet").get("remainingGapM2").asDouble())
                .isCloseTo(unitArea - have - sum, within(1e-6 * unitArea));
    }

    @Test
    void forestCoverCandidatesAreBareAndGrasslandOutsidePlotsAndTheLowCanopyPlot() {
        long a = id(LayerCatalog.LAND_COVER, "class", "bare", box(117.400, 39.100, 117.404, 39.104));
        long c = id(LayerCatalog.LAND_COVER, "class", "grassland", null);
        long p1 = id(LayerCatalog.FOREST_PLOTS, "plot_code", "P1", null);
        Map<String, Double> added = addedById(candidates("unit=street&code=" + S1 + "&indicator=forestCover"));
        assertThat(added).containsKeys("land_cover/" + a, "land_cover/" + c, "forest_plots/" + p1)
                .doesNotContainKey("land_cover/" + id(LayerCatalog.LAND_COVER, "class", "cropland", null));
        // a park is no forest: A adds all of it; the grassland adds the half no plot covers
        assertThat(added.get("land_cover/" + a)).isCloseTo(area(box(117.400, 39.100, 117.404, 39.104)), within(0.5));
        assertThat(added.get("land_cover/" + c)).isCloseTo(area(box(117.406, 39.100, 117.408, 39.104)), within(0.5));
        assertThat(added.get("forest_plots/" + p1)).isCloseTo(area(box(117.404, 39.100, 117.406, 39.104)),
                within(0.5));
    }

    @Test
    void aClosingSetBecomesDraftsOfANewScenarioWhoseFiguresGrowByWhatTheSetAdds() {
        for (String indicator : List.of("blueGreenShare", "forestCover")) {
            JsonNode answer = candidates("unit=level&code=L1&indicator=" + indicator + "&target=1");
            double setAdds = answer.get("closingSet").get("addedM2").asDouble();
            assertThat(setAdds).isPositive();
            HttpApi.Response made = admin.post("/api/candidates/drafts", "application/json", "{\"unit\": \"level\","
                    + " \"code\": \"L1\", \"indicator\": \"" + indicator + "\", \"target\": 1, \"newScenario\":"
                    + " {\"name\": \"补齐" + indicator + "\", \"year\": 2025}}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            long scenario = made.json().get("scenario").get("id").asLong();
            assertThat(made.json().get("count").asInt()).isEqualTo(answer.get("closingSet").get("count").asInt());
            String field = indicator.equals("forestCover") ? "forestM2" : "blueGreenM2";
            double live = level1(admin.get("/api/metrics").json(), field);
            double drafted = level1(admin.get("/api/scenarios/" + scenario + "/metrics").json(), field);
            assertThat(drafted - live).as(indicator).isCloseTo(setAdds, within(1e-6 * setAdds + 1.0));
            // in the scenario the drafted candidates are not offered again
            JsonNode after = admin.get("/api/candidates?unit=level&code=L1&indicator=" + indicator + "&target=1"
                    + "&scenario=" + scenario).json();
            assertThat(after.get("closingSet").get("addedM2").asDouble()).isLessThan(1.0);
        }
    }

    @Test
    void farmlandCandidatesAreProjectsStillToBuildAndCroplandNoProjectCoversMeasuredAgainstTheDistrictsTarget() {
        long d = id(LayerCatalog.LAND_COVER, "class", "cropland", box(117.408, 39.100, 117.412, 39.104));
        long h = id(LayerCatalog.LAND_COVER, "class", "cropland", box(117.422, 39.100, 117.426, 39.104));
        long planned = id(LayerCatalog.FARMLAND, "status", "planned", null);
        long building = id(LayerCatalog.FARMLAND, "status", "under_construction", null);
        JsonNode district = candidates("unit=district&code=" + districtCode() + "&indicator=farmlandMu");
        Map<String, Double> added = addedById(district);
        assertThat(added).containsOnlyKeys("farmland/" + planned, "farmland/" + building, "land_cover/" + d,
                "land_cover/" + h);
        assertThat(added.get("farmland/" + planned)).isCloseTo(area(box(117.430, 39.100, 117.434, 39.104)),
                within(0.5));
        assertThat(added.get("farmland/" + building)).isCloseTo(area(box(117.422, 39.100, 117.424, 39.104)),
                within(0.5));
        assertThat(added.get("land_cover/" + d)).isCloseTo(area(box(117.408, 39.100, 117.412, 39.104)), within(0.5));
        // the cropland half under the project being built is that project's: H adds its east half only
        assertThat(added.get("land_cover/" + h)).isCloseTo(area(box(117.424, 39.100, 117.426, 39.104)), within(0.5));
        // nothing is built yet: the gap is the plan's whole 2.7万亩, far beyond the candidates
        assertThat(district.get("targetFrom").asString()).isEqualTo("plan");
        assertThat(district.get("targetUnit").asString()).isEqualTo("mu");
        assertThat(district.get("target").asDouble()).isEqualTo(27_000);
        assertThat(district.get("gapM2").asDouble()).isCloseTo(27_000 * 10_000 / 15.0, within(1e-3));
        assertThat(district.get("closingSet").get("count").asInt()).isEqualTo(4);
        assertThat(district.get("closingSet").get("closesGap").asBoolean()).isFalse();
        for (JsonNode c : district.get("candidates")) {
            String attribute = c.get("layer").asString().equals("farmland") ? "status" : "class";
            assertThat(c.get("from").get("attribute").asString()).isEqualTo(attribute);
        }

        // a street has no farmland target of its own: the district's gap, the street's candidates
        JsonNode s1 = candidates("unit=street&code=" + S1 + "&indicator=farmlandMu");
        assertThat(s1.get("targetFrom").asString()).isEqualTo("plan-district");
        assertThat(s1.get("gapM2").asDouble()).isEqualTo(district.get("gapM2").asDouble());
        assertThat(addedById(s1)).containsOnlyKeys("land_cover/" + d);

        // a target in 亩 just above one site: the two largest close it
        double mu = (added.get("land_cover/" + d) + 1) / (10_000 / 15.0);
        JsonNode two = candidates("unit=district&code=" + districtCode() + "&indicator=farmlandMu&target=" + mu);
        assertThat(two.get("targetFrom").asString()).isEqualTo("request");
        assertThat(two.get("closingSet").get("count").asInt()).isEqualTo(2);
        assertThat(two.get("closingSet").get("closesGap").asBoolean()).isTrue();
        assertThat(anonymous.get("/api/candidates?unit=district&code=" + districtCode()
                + "&indicator=farmlandMu&target=-3").status()).isEqualTo(400);
    }

    @Test
    void aFarmlandClosingSetBuildsProjectsInAScenarioAndAProjectTheScenarioCountsIsNoCandidate() {
        String code = districtCode();
        JsonNode answer = candidates("unit=district&code=" + code + "&indicator=farmlandMu&target=1000000");
        double setAdds = answer.get("closingSet").get("addedM2").asDouble();
        HttpApi.Response made = admin.post("/api/candidates/drafts", "application/json", "{\"unit\": \"district\","
                + " \"code\": \"" + code + "\", \"indicator\": \"farmlandMu\", \"target\": 1000000, \"newScenario\":"
                + " {\"name\": \"补齐高标准农田\", \"year\": 2025}}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long scenario = made.json().get("scenario").get("id").asLong();
        double live = district(admin.get("/api/metrics").json(), "farmlandM2");
        double drafted = district(admin.get("/api/scenarios/" + scenario + "/metrics").json(), "farmlandM2");
        assertThat(live).isZero();
        assertThat(drafted - live).isCloseTo(setAdds, within(1e-6 * setAdds + 1.0));
        assertThat(admin.get("/api/candidates?unit=district&code=" + code + "&indicator=farmlandMu&target=1000000"
                + "&scenario=" + scenario).json().get("closingSet").get("addedM2").asDouble()).isLessThan(1.0);

        // a scenario that counts projects under construction as done: that project adds nothing more
        HttpApi.Response counting = admin.post("/api/scenarios", "application/json", "{\"name\": \"在建计入\","
                + " \"year\": 2025, \"countAsDone\": {\"farmland\": [\"under_construction\"]}}");
        assertThat(counting.status()).as(counting.body()).isEqualTo(201);
        long building = id(LayerCatalog.FARMLAND, "status", "under_construction", null);
        JsonNode in = admin.get("/api/candidates?unit=district&code=" + code + "&indicator=farmlandMu&scenario="
                + counting.json().get("id").asLong()).json();
        assertThat(addedById(in)).hasSize(3).doesNotContainKey("farmland/" + building);
        assertThat(in.get("haveM2").asDouble()).isCloseTo(area(box(117.422, 39.100, 117.424, 39.104)), within(0.5));
    }

    private String districtCode() {
        for (JsonNode u : anonymous.get("/api/metrics?unit=all").json()) {
            if (u.get("unit").asString().equals("district")) {
                return u.get("code").asString();
            }
        }
        throw new AssertionError("no district in /api/metrics");
    }

    private static double district(JsonNode metrics, String field) {
        for (JsonNode u : metrics) {
            if (u.get("unit").asString().equals("district")) {
                return u.get(field).asDouble();
            }
        }
        throw new AssertionError("no district in " + metrics);
    }

    private static double level1(JsonNode metrics, String field) {
        for (JsonNode u : metrics) {
            if (u.get("unit").asString().equals("level") && u.get("code").asString().equals("L1")) {
                return u.get(field).asDouble();
            }
        }
        throw new AssertionError("no level L1 in " + metrics);
    }

    @Test
    void aRefusedCandidateSetWritesNothingNotEvenItsScenario() {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM scenario", Integer.class);
        long cropland = id(LayerCatalog.LAND_COVER, "class", "cropland", null);
        HttpApi.Response r = admin.post("/api/candidates/drafts", "application/json", "{\"unit\": \"level\","
                + " \"code\": \"L1\", \"indicator\": \"blueGreenShare\", \"ids\": [{\"layer\": \"land_cover\", \"id\": "
                + cropland + "}], \"newScenario\": {\"name\": \"耕地\", \"year\": 2025}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("not-a-candidate");
        assertThat(r.body()).contains("land_cover/" + cropland);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scenario", Integer.class)).isEqualTo(before);
        assertThat(anonymous.post("/api/candidates/drafts", "application/json", "{}").status()).isIn(401, 403);
    }

    @Test
    void badParametersAreProblems() {
        assertThat(anonymous.get("/api/candidates?unit=street&code=" + S1 + "&indicator=stock").status())
                .isEqualTo(400);
        assertThat(anonymous.get("/api/candidates?unit=planet&code=x&indicator=forestCover").status()).isEqualTo(400);
        HttpApi.Response missing = anonymous.get("/api/candidates?unit=street&code=999&indicator=forestCover");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("unknown-unit");
        assertThat(anonymous.get("/api/candidates?unit=street&code=" + S1 + "&indicator=forestCover&target=1.5")
                .status()).isEqualTo(400);
        assertThat(anonymous.get("/api/pv/potential?unit=planets").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/candidates?unit=street&code=" + S1 + "&indicator=forestCover&scenario=1")
                .status()).isEqualTo(401);
    }

    @Test
    void candidateExportsListEveryCandidate() {
        HttpApi.Response csv = anonymous.get("/api/candidates.csv?unit=street&code=" + S1
                + "&indicator=blueGreenShare");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(3);
        HttpApi.Response xlsx = anonymous.getBytes("/api/candidates.xlsx?unit=street&code=" + S1
                + "&indicator=blueGreenShare");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(new String(xlsx.bytes(), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        JsonNode geo = anonymous.get("/api/candidates.geojson?unit=street&code=" + S1
                + "&indicator=blueGreenShare&set=closing&target=1").json();
        assertThat(geo.get("features")).hasSize(2);
    }

    // --- rooftop PV -----------------------------------------------------------------------------------------------

    @Test
    void rooftopPvFiguresOfAStreetFollowTheParametersByHand() {
        JsonNode p = anonymous.get("/api/pv/potential?unit=streets").json();
        JsonNode s1 = null;
        for (JsonNode r : p.get("rows")) {
            if (r.get("code").asString().equals(S1)) {
                s1 = r;
            }
        }
        assertThat(s1).isNotNull();
        assertThat(s1.get("eligibleRoofs").asInt()).isEqualTo(4);
        assertThat(s1.get("roofsWithoutPv").asInt()).isEqualTo(2);
        // R2 recorded 55 kWp; R3 modelled from its 100 m² of PV × 0.2 kWp/m²
        assertThat(s1.get("installedKwpRecorded").asDouble()).isCloseTo(55, within(1e-9));
        assertThat(s1.get("installedKwpModelled").asDouble()).isCloseTo(20, within(1e-9));
        assertThat(s1.get("installedKwp").asDouble()).isCloseTo(75, within(1e-9));
        // R1: 2000 m² × 0.3 × 0.2 = 120 kWp; R5: 800 m² × 0.4 × 0.2 = 64 kWp
        assertThat(s1.get("potentialKwp").asDouble()).isCloseTo(184, within(1e-9));
        assertThat(s1.get("potentialKwhPerYear").asDouble()).isCloseTo(184 * 1200, within(1e-6));
        assertThat(s1.get("co2AvoidedTPerYear").asDouble()).isCloseTo(184 * 1200 / 1000.0 * 0.6361, within(1e-6));
        // every roof: R4 (residential) adds 300 × 0.2 × 0.2 = 12 kWp
        assertThat(s1.get("allRoofs").get("potentialKwp").asDouble()).isCloseTo(196, within(1e-9));
        // 2 of 4 eligible roofs have PV: the count target is met; by area 350 of 4300 m², not reachable
        assertThat(s1.get("toTarget").get("byCount").get("roofs").asInt()).isZero();
        assertThat(s1.get("toTarget").get("byArea").get("reachable").asBoolean()).isFalse();
        assertThat(s1.get("toTarget").get("byArea").get("roofs").asInt()).isEqualTo(2);
        assertThat(p.get("parameters").findValuesAsString("source")).allMatch(s -> !s.isBlank());
        JsonNode district = anonymous.get("/api/pv/potential?unit=district").json().get("rows").get(0);
        assertThat(district.get("potentialKwp").asDouble()).isCloseTo(184, within(1e-9));
        assertThat(district.get("eligibleRoofs").asDouble()).isEqualTo(
                district(anonymous.get("/api/metrics?unit=district").json(), "pvEligible"));
        JsonNode roofs = anonymous.get("/api/pv/roofs?unit=street&code=" + S1).json();
        assertThat(roofs.get("roofs")).hasSize(2);
        assertThat(roofs.get("roofs").get(0).get("potentialKwp").asDouble()).isCloseTo(120, within(1e-9));
        // the count target is met, the area target cannot be: both roofs without PV are its set, none the count's
        assertThat(roofs.get("targetRoofs").asInt()).isZero();
        assertThat(roofs.get("targetRoofsByArea").asInt()).isEqualTo(2);
        assertThat(roofs.get("areaTargetReachable").asBoolean()).isFalse();
        for (JsonNode r : roofs.get("roofs")) {
            assertThat(r.get("inTargetSet").asBoolean()).isFalse();
            assertThat(r.get("inAreaTargetSet").asBoolean()).isTrue();
        }
        JsonNode energy = p.get("energy");
        assertThat(energy.get(0).get("id").asString()).isEqualTo("energy-1");
        assertThat(energy.get(0).get("figures").get("shareOfCapacityNow").isNull()).isTrue();
    }

    @Test
    void anAdminSetsAPvParameterWithItsSourceAndABadValueIsRefusedByName() {
        HttpApi.Response ok = admin.put("/api/pv/parameters/usable_fraction.factory", null,
                "{\"value\": 0.5, \"source\": \"区住建委 2026 年屋顶普查\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode row = anonymous.get("/api/pv/roofs?unit=street&code=" + S1).json().get("roofs").get(0);
        assertThat(row.get("potentialKwp").asDouble()).isCloseTo(2000 * 0.5 * 0.2, within(1e-9));
        HttpApi.Response bad = admin.put("/api/pv/parameters/module_kwp_per_m2", null,
                "{\"value\": 3, \"source\": \"x\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString()).contains("module_kwp_per_m2");
        assertThat(admin.put("/api/pv/parameters/usable_fraction.factory", null, "{\"value\": 0.4}").status())
                .isEqualTo(422);
        assertThat(admin.put("/api/pv/parameters/nothing", null, "{\"value\": 1, \"source\": \"x\"}").status())
                .isEqualTo(404);
        HttpApi.Response capacity = admin.put("/api/pv/parameters/district_generation_capacity_kw", null,
                "{\"value\": 7500, \"source\": \"区发改委\"}");
        assertThat(capacity.status()).isEqualTo(200);
        JsonNode e = anonymous.get("/api/pv/potential?unit=district").json().get("energy").get(0).get("figures");
        assertThat(e.get("shareOfCapacityNow").asDouble()).isCloseTo(75 / 7500.0, within(1e-12));
        jdbc.update("UPDATE pv_parameter SET param_value = NULL WHERE param_key = 'district_generation_capacity_kw'");
    }
}
