package cn.dongli.carbonmap.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureJson;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitMetricsTable;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.PostgisReference;
import cn.dongli.carbonmap.support.PostgisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Planning scenarios through the API on both storage profiles, on a synthetic district: a scenario's figures agree with
 * PostGIS computing the indicators on the layers with the scenario's statuses and drafts applied (after it was made,
 * and again after further ticks and drafts and a live edit under it); nothing of a scenario reaches the live layers,
 * the OGC API, the exports or {@code unit_metrics}; who may read and change what; drafts checked like live edits.
 */
abstract class ScenarioApiContract {

    static final double SCALE = 0.05;
    /**
     * Areas and stock within 1e-5 of PostGIS, or (for the small figures of big units) within 1e-6 of the unit's area
     * — the share agrees to 1e-6: PostGIS's edges are geodesics, the engine's straight in the equal-area plane, and
     * where a long edge crosses a unit boundary they differ by that much, for the live engine too (its cross-check
     * prints its worst) — never less than 1 m²; counts exact.
     */
    static final double RELATIVE = 1e-5;
    static final double OF_UNIT_AREA = 1e-6;
    static final double FLOOR = 1.0;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    FeatureImporter importer;

    @Autowired
    MetricsEngine engine;

    @Autowired
    UnitMetricsTable unitMetrics;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi anonymous;
    HttpApi admin;

    @BeforeEach
    void syntheticDistrict() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (Layer layer : catalog.all()) {
            List<SourceFeature> features = new ArrayList<>();
            for (GeneratedFeature g : DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, SCALE)
                    .features(layer.name())) {
                features.add(SourceFeature.of(features.size(), g.geometry(), new HashMap<>(g.attributes())));
            }
            FeatureImporter.Result r = importer.importDataset(layer, new SourceDataset(features,
                    new cn.dongli.carbonmap.geom.Crs.Code(4490, false), "generated"), true);
            assertThat(r.skipped()).as(layer.name()).isZero();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private List<Feature> live(String layer) {
        List<Feature> out = new ArrayList<>();
        store.forEach(catalog.get(layer), out::add);
        return out;
    }

    private Feature first(String layer, Predicate<Feature> p) {
        return live(layer).stream().filter(p).findFirst().orElseThrow(() -> new AssertionError(
                "the synthetic district has no such feature of " + layer));
    }

    private static String geojson(Feature f, Object... changes) {
        Map<String, Object> m = FeatureJson.toMap(f);
        m.remove("meta");
        m.remove("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) m.get("properties"));
        for (int i = 0; i < changes.length; i += 2) {
            p.put((String) changes[i], changes[i + 1]);
        }
        m.put("properties", p);
        return JSON.writeValueAsString(m);
    }

    private static Feature with(Feature f, Object... changes) {
        Map<String, Object> a = new HashMap<>(f.attributes());
        for (int i = 0; i < changes.length; i += 2) {
            a.put((String) changes[i], changes[i + 1]);
        }
        return new Feature(f.id(), f.layer(), f.version(), f.geometry(), a, f.extra(), f.createdBy(), f.createdAt(),
                f.updatedBy(), f.updatedAt());
    }

    private static HttpApi.Response json(HttpApi as, String method, String path, String body, String ifMatch) {
        return as.send(method, path, "application/json", body, ifMatch);
    }

    private long scenario(HttpApi as, String body) {
        HttpApi.Response r = json(as, "POST", "/api/scenarios", body, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").longValue();
    }

    private JsonNode draft(HttpApi as, long scenario, String layer, String query, String body, int expected) {
        HttpApi.Response r = as.post("/api/scenarios/" + scenario + "/features/" + layer + query,
                "application/geo+json", body == null ? "" : body);
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
        return r.json();
    }

    private static boolean status(Feature f, String... statuses) {
        return List.of(statuses).contains(f.attributes().get("status"));
    }

    /** The scenario's figures must be PostGIS's on the layers as the test made them by hand. */
    private void checkAgreesWithPostgis(long scenario, Map<String, List<Feature>> layers) throws Exception {
        HttpApi.Response r = admin.get("/api/scenarios/" + scenario + "/metrics?unit=all");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String db = PostgisServer.createDatabase();
        Map<String, PostgisReference.Figures> reference;
        try (Connection c = PostgisServer.connect(db)) {
            PostgisReference.createSchema(c);
            for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
                PostgisReference.load(c, e.getKey(), e.getValue());
            }
            reference = PostgisReference.compute(c, engine.definitions());
        }
        assertThat(r.json().size()).isEqualTo(reference.size()).isGreaterThan(25);
        for (JsonNode m : r.json()) {
            String unit = m.get("unit").asString() + " " + m.get("code").asString();
            PostgisReference.Figures ref = reference.get(m.get("unit").asString() + ":" + m.get("code").asString());
            assertThat(ref).as(unit).isNotNull();
            double area = ref.areaM2();
            close(unit + " blue-green", m.get("blueGreenM2").doubleValue(), ref.blueGreenM2(), area);
            close(unit + " forest", m.get("forestM2").doubleValue(), ref.forestM2(), area);
            close(unit + " stock", m.get("forestStockM3").doubleValue(), ref.forestStockM3(), 0);
            close(unit + " farmland", m.get("farmlandM2").doubleValue(), ref.farmlandM2(), area);
            assertThat(m.get("pvEligible").intValue()).as(unit + " PV eligible").isEqualTo(ref.pvEligible());
            assertThat(m.get("pvInstalled").intValue()).as(unit + " PV installed").isEqualTo(ref.pvInstalled());
        }
    }

    private static void close(String what, double actual, double expected, double unitArea) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.max(FLOOR, Math.max(Math.abs(expected) * RELATIVE,
                unitArea * OF_UNIT_AREA))));
    }

    private Map<String, List<Feature>> liveLayers() {
        Map<String, List<Feature>> out = new LinkedHashMap<>();
        for (Layer l : catalog.all()) {
            out.put(l.name(), new ArrayList<>(live(l.name())));
        }
        return out;
    }

    private static void replace(Map<String, List<Feature>> layers, Feature f) {
        List<Feature> list = layers.get(f.layer());
        list.removeIf(x -> x.id() == f.id());
        list.add(f);
    }

    private static void remove(Map<String, List<Feature>> layers, String layer, long id) {
        layers.get(layer).removeIf(x -> x.id() == id);
    }

    // --- the figures ----------------------------------------------------------------------------------------------

    @Test
    void aScenariosFiguresAgreeWithPostgisOnTheLayersAsTheScenarioHasThem() throws Exception {
        long id = scenario(admin, "{\"name\":\"2030年全面建成\",\"year\":2030,\"countAsDone\":{\"parks\":[\"planned\","
                + "\"under_construction\"],\"farmland\":[\"planned\"]}}");
        Map<String, List<Feature>> expected = liveLayers();
        List<Feature> openParks = live("parks").stream().filter(f -> status(f, "planned", "under_construction"))
                .toList();
        List<Feature> building = live("farmland").stream().filter(f -> status(f, "under_construction")).toList();
        assertThat(openParks).hasSizeGreaterThan(1);
        assertThat(building).isNotEmpty();
        // the rule, but one park not counted and one farmland project under construction counted
        Feature notCounted = openParks.get(0);
        Feature ticked = building.get(0);
        assertThat(json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":["
                + notCounted.id() + "],\"done\":false}", null).status()).isEqualTo(200);
        assertThat(json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"farmland\",\"ids\":["
                + ticked.id() + "],\"done\":true}", null).status()).isEqualTo(200);
        for (Feature p : openParks) {
            if (p.id() != notCounted.id()) {
                replace(expected, with(p, "status", "built"));
            }
        }
        for (Feature f : live("farmland")) {
            if (status(f, "planned") || f.id() == ticked.id()) {
                replace(expected, with(f, "status", "accepted"));
            }
        }
        // drafts: a parcel reclassified, a plot thinned, a plot deleted and a new one drawn in its place, a new
        // park, PV on a roof
        Feature parcel = first("land_cover", f -> List.of("bare", "built").contains(f.attributes().get("class")));
        draft(admin, id, "land_cover", "?replaces=" + parcel.id() + "&liveVersion=" + parcel.version(),
                geojson(parcel, "class", "grassland"), 201);
        replace(expected, with(parcel, "class", "grassland"));
        List<Feature> plots = live("forest_plots").stream()
                .filter(f -> ((Number) f.attributes().get("canopy_closure")).doubleValue() >= 0.3
                        && ((Number) f.attributes().get("stock_m3")).doubleValue() > 50).toList();
        Feature thinned = plots.get(0);
        draft(admin, id, "forest_plots", "?replaces=" + thinned.id() + "&liveVersion=" + thinned.version(),
                geojson(thinned, "canopy_closure", 0.1, "stock_m3", 20.5), 201);
        replace(expected, with(thinned, "canopy_closure", 0.1, "stock_m3", 20.5));
        Feature felled = plots.get(1);
        String replanted = geojson(felled, "plot_code", "QJ-新造-1", "species", "ash", "canopy_closure", 0.25,
                "stock_m3", 5.0);
        // in the live layer the new plot overlaps the felled one; in the scenario the felled one is gone
        assertThat(admin.post("/api/layers/forest_plots/features", "application/geo+json", replanted).status())
                .isEqualTo(422);
        draft(admin, id, "forest_plots", "", replanted, 422);
        draft(admin, id, "forest_plots", "?replaces=" + felled.id() + "&liveVersion=" + felled.version()
                + "&delete=true", null, 201);
        remove(expected, "forest_plots", felled.id());
        draft(admin, id, "forest_plots", "", replanted, 201);
        expected.get("forest_plots").add(with(felled, "plot_code", "QJ-新造-1", "species", "ash", "canopy_closure", 0.25,
                "stock_m3", 5.0));
        // a new park over the thinned plot (parks may overlap; blue-green counts the ground once)
        Feature newPark = new Feature(-1, "parks", 1, thinned.geometry(), Map.of("name", "情景新公园", "status", "built",
                "year", 2028), Map.of(), "t", java.time.Instant.EPOCH, "t", java.time.Instant.EPOCH);
        draft(admin, id, "parks", "", geojson(newPark), 201);
        expected.get("parks").add(newPark);
        Feature roof = first("pv_rooftops", f -> Boolean.FALSE.equals(f.attributes().get("pv_installed"))
                && ((Number) f.attributes().get("built_year")).intValue() >= 2022
                && List.of("factory", "public_institution").contains(f.attributes().get("building_use")));
        double pvArea = Math.floor(((Number) roof.attributes().get("roof_area_m2")).doubleValue() * 0.6);
        draft(admin, id, "pv_rooftops", "?replaces=" + roof.id() + "&liveVersion=" + roof.version(),
                geojson(roof, "pv_installed", true, "pv_area_m2", pvArea, "pv_capacity_kwp", 100.0), 201);
        replace(expected, with(roof, "pv_installed", true, "pv_area_m2", pvArea, "pv_capacity_kwp", 100.0));

        checkAgreesWithPostgis(id, expected);

        // the scenario's targets are judged for 2030: nothing is "on track" any more, and gaps add up
        for (JsonNode u : admin.get("/api/scenarios/" + id + "/metrics?unit=all").json()) {
            for (JsonNode t : u.get("targets")) {
                assertThat(t.get("status").asString()).isIn("met", "behind");
                if (t.get("indicator").asString().equals("blueGreenShare")) {
                    double need = t.get("target").doubleValue() * u.get("areaM2").doubleValue();
                    double have = u.get("blueGreenM2").doubleValue();
                    assertThat(t.get("gap").get("missing").doubleValue() - t.get("gap").get("exceeded").doubleValue())
                            .isCloseTo(need - have, within(1e-6 * need));
                }
            }
        }

        // more changes: the unticked park given back to the rule, the parcel's draft discarded, and a live edit of
        // the thinned plot, whose draft is then in conflict (the live plot counts) until it is rebased
        json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":[" + notCounted.id()
                + "],\"done\":null}", null);
        replace(expected, with(notCounted, "status", "built"));
        JsonNode parcelDraft = admin.get("/api/scenarios/" + id + "/features/land_cover").json().get("features").get(0);
        assertThat(admin.delete("/api/scenarios/" + id + "/features/land_cover/" + parcelDraft.get("id").longValue(),
                "\"" + parcelDraft.get("version").intValue() + "\"").status()).isEqualTo(204);
        replace(expected, parcel);
        HttpApi.Response liveEdit = admin.put("/api/layers/forest_plots/features/" + thinned.id(),
                "\"" + thinned.version() + "\"", geojson(thinned, "stock_m3", 999.0));
        assertThat(liveEdit.status()).as(liveEdit.body()).isEqualTo(200);
        Feature thinnedLive = store.get(catalog.get("forest_plots"), thinned.id()).orElseThrow();
        replace(expected, thinnedLive);
        JsonNode s = admin.get("/api/scenarios/" + id).json();
        assertThat(s.get("conflicts").intValue()).isEqualTo(1);
        JsonNode conflicted = admin.get("/api/scenarios/" + id + "/features/forest_plots").json().get("features")
                .valueStream().filter(f -> f.get("scenario").get("liveId").asLong(-1) == thinned.id()).findFirst()
                .orElseThrow();
        assertThat(conflicted.get("scenario").get("conflict").get("reason").asString()).isEqualTo("changed");
        assertThat(conflicted.get("scenario").get("conflict").get("live").get("properties").get("stock_m3")
                .doubleValue()).isEqualTo(999.0);
        checkAgreesWithPostgis(id, expected);

        HttpApi.Response rebased = admin.put("/api/scenarios/" + id + "/features/forest_plots/"
                + conflicted.get("id").longValue() + "?liveVersion=" + thinnedLive.version(),
                "\"" + conflicted.get("version").intValue() + "\"", geojson(thinned, "canopy_closure", 0.1,
                        "stock_m3", 20.5));
        assertThat(rebased.status()).as(rebased.body()).isEqualTo(200);
        replace(expected, with(thinnedLive, "canopy_closure", 0.1, "stock_m3", 20.5));
        assertThat(admin.get("/api/scenarios/" + id).json().get("conflicts").intValue()).isZero();
        checkAgreesWithPostgis(id, expected);

        // the comparison holds the live state and the scenario side by side
        JsonNode compare = admin.get("/api/metrics/compare?scenarios=live," + id + "&unit=barrier").json();
        assertThat(compare.get("columns").valueStream().map(c -> c.get("key").asString())).containsExactly("live",
                String.valueOf(id));
        JsonNode barrier = compare.get("units").valueStream().filter(u -> u.get("unit").asString().equals("barrier"))
                .findFirst().orElseThrow();
        assertThat(barrier.get("figures").get(0).get("blueGreenM2").doubleValue()).isEqualTo(anonymous
                .get("/api/metrics?unit=barrier").json().valueStream().filter(u -> u.get("unit").asString()
                        .equals("barrier")).findFirst().orElseThrow().get("blueGreenM2").doubleValue());
        assertThat(barrier.get("figures").get(1).get("blueGreenM2").doubleValue())
                .isGreaterThan(barrier.get("figures").get(0).get("blueGreenM2").doubleValue());
        for (String kind : List.of("xlsx", "pdf")) {
            HttpApi.Response file = admin.getBytes("/api/metrics/compare." + kind + "?scenarios=live," + id
                    + "&unit=zones");
            assertThat(file.status()).as(kind).isEqualTo(200);
            assertThat(file.bytes().length).as(kind).isGreaterThan(2000);
            assertThat(new String(file.bytes(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(kind.equals("pdf") ? "%PDF" : "PK\u0003\u0004");
        }
        JsonNode changes = admin.get("/api/scenarios/" + id + "/changes").json();
        assertThat(changes.get("features").valueStream().map(f -> f.get("properties").get("op").asString()).distinct())
                .contains("done", "create", "update", "delete");
    }

    @Test
    void aChangeBecomesADeletionAndADraftOfADeletedFeatureIsKeptAsANewOneInOneWriteEach() {
        long id = scenario(admin, "{\"name\":\"一步到位\",\"year\":2025}");
        Feature parcel = first("land_cover", f -> "grassland".equals(f.attributes().get("class")));
        JsonNode change = draft(admin, id, "land_cover", "?replaces=" + parcel.id() + "&liveVersion=1",
                geojson(parcel, "class", "water"), 201);
        String base = "/api/scenarios/" + id + "/features/land_cover/" + change.get("id").longValue();
        HttpApi.Response deletion = admin.send("PUT", base + "?delete=true", "application/geo+json", "", "\"1\"");
        assertThat(deletion.status()).as(deletion.body()).isEqualTo(200);
        assertThat(deletion.json().get("scenario").get("op").asString()).isEqualTo("delete");
        assertThat(deletion.json().get("version").intValue()).isEqualTo(2);
        assertThat(admin.get(base + "/history").json().valueStream().map(h -> h.get("op").asString()))
                .containsExactly("delete", "update");

        Feature plot = first("forest_plots", f -> true);
        JsonNode plotDraft = draft(admin, id, "forest_plots", "?replaces=" + plot.id() + "&liveVersion=1",
                geojson(plot, "stock_m3", 123.0), 201);
        assertThat(admin.delete("/api/layers/forest_plots/features/" + plot.id(), "\"1\"").status()).isEqualTo(204);
        String plotPath = "/api/scenarios/" + id + "/features/forest_plots/" + plotDraft.get("id").longValue();
        assertThat(admin.get(plotPath).json().get("scenario").get("conflict").get("reason").asString())
                .isEqualTo("deleted");
        assertThat(admin.get("/api/scenarios/" + id).json().get("conflicts").intValue()).isEqualTo(1);
        HttpApi.Response kept = admin.send("PUT", plotPath + "?detach=true", "application/geo+json", "", "\"1\"");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        JsonNode sc = kept.json().get("scenario");
        assertThat(sc.get("op").asString()).isEqualTo("create");
        assertThat(sc.get("liveId").isNull()).isTrue();
        assertThat(sc.get("conflict").isNull()).isTrue();
        assertThat(kept.json().get("properties").get("stock_m3").doubleValue()).isEqualTo(123.0);
        assertThat(admin.get("/api/scenarios/" + id).json().get("conflicts").intValue()).isZero();
        assertThat(admin.get(plotPath + "/history").json().size()).isEqualTo(2);
        // a deletion is not turned into a new feature, and a live feature that still exists is rebased, not detached
        assertThat(admin.send("PUT", base + "?detach=true", "application/geo+json", "", "\"2\"").status())
                .isEqualTo(409);
    }

    // --- nothing reaches the live state ---------------------------------------------------------------------------

    /** A fingerprint of everything a live reader sees: the layer tables, indicators, OGC API, exports, unit_metrics. */
    private String liveFingerprint() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        WKBWriter wkb = new WKBWriter(2);
        for (Layer l : catalog.all()) {
            store.forEach(l, f -> {
                md.update((f.id() + "/" + f.version() + "/" + new java.util.TreeMap<>(f.attributes()) + "/"
                        + f.updatedAt()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(wkb.write(f.geometry()));
            });
            md.update(anonymous.getBytes("/api/layers/" + l.name() + "/export?format=geojson").bytes());
            JsonNode items = anonymous.get("/ogc/collections/" + l.name() + "/items?limit=10000").json();
            md.update(items.get("numberMatched").toString().getBytes());
            items.get("features").forEach(f -> md.update(f.toString().getBytes()));
        }
        md.update(anonymous.get("/api/metrics?unit=all").body().getBytes());
        unitMetrics.publish();
        jdbc.query("SELECT unit_kind, code, blue_green_share, forest_cover, forest_stock_m3, pv_area_share,"
                + " farmland_mu FROM unit_metrics ORDER BY unit_kind, code", rs -> {
                    for (int i = 1; i <= 7; i++) {
                        md.update(String.valueOf(rs.getObject(i)).getBytes());
                    }
                });
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void scenarioWorkLeavesTheLiveLayersTheOgcApiTheExportsAndUnitMetricsAsTheyWere() throws Exception {
        String before = liveFingerprint();
        long id = scenario(admin, "{\"name\":\"只在情景中\",\"year\":2025,\"countAsDone\":{\"parks\":[\"planned\"],"
                + "\"farmland\":[\"planned\",\"under_construction\"]}}");
        Feature parcel = first("land_cover", f -> "cropland".equals(f.attributes().get("class")));
        draft(admin, id, "land_cover", "?replaces=" + parcel.id() + "&liveVersion=1", geojson(parcel, "class", "built"),
                201);
        Feature plot = first("forest_plots", f -> true);
        draft(admin, id, "forest_plots", "?replaces=" + plot.id() + "&liveVersion=1&delete=true", null, 201);
        Feature park = first("parks", f -> status(f, "planned"));
        json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":[" + park.id()
                + "],\"done\":false}", null);
        assertThat(admin.get("/api/scenarios/" + id + "/metrics").status()).isEqualTo(200);
        long copy = json(admin, "POST", "/api/scenarios/" + id + "/duplicate", "{\"name\":\"副本\"}", null).json()
                .get("id").longValue();
        assertThat(admin.get("/api/scenarios/" + copy + "/features").json().get("features").size()).isEqualTo(2);
        assertThat(admin.get("/api/metrics/compare?scenarios=live," + id + "," + copy).status()).isEqualTo(200);
        assertThat(liveFingerprint()).isEqualTo(before);
        // no scenario table is a layer: the OGC API and the layer list name only the seven layers
        assertThat(anonymous.get("/ogc/collections").json().get("collections").valueStream()
                .map(c -> c.get("id").asString())).containsExactlyInAnyOrderElementsOf(catalog.all().stream()
                        .map(Layer::name).toList());
        int version = admin.get("/api/scenarios/" + id).json().get("version").intValue();
        assertThat(admin.delete("/api/scenarios/" + id, "\"" + version + "\"").status()).isEqualTo(204);
        assertThat(admin.get("/api/scenarios/" + id).status()).isEqualTo(404);
        assertThat(liveFingerprint()).isEqualTo(before);
    }

    // --- who may do what, and bad input ---------------------------------------------------------------------------

    private HttpApi account(String name, String roles, String layers, String street) {
        HttpApi.Response r = admin.post("/api/accounts", "application/json", "{\"username\":\"" + name
                + "\",\"password\":\"a-long-password-1\",\"roles\":[" + roles + "],\"layers\":" + layers
                + ",\"street\":" + street + "}");
        assertThat(r.status()).as(r.body()).isIn(201, 409);
        return anonymous.as(name, "a-long-password-1");
    }

    @Test
    void scenariosArePrivateUntilSharedAndOnlyTheirAuthorOrAnAdminChangesThem() {
        HttpApi parksEditor = account("parks_planner", "\"EDITOR\"", "[\"parks\"]", "null");
        HttpApi otherEditor = account("other_planner", "\"EDITOR\"", "null", "null");
        HttpApi viewer = account("scenario_viewer", "\"VIEWER\"", "null", "null");
        assertThat(anonymous.get("/api/scenarios").status()).isEqualTo(401);
        assertThat(json(viewer, "POST", "/api/scenarios", "{\"name\":\"x\",\"year\":2025}", null).status())
                .isEqualTo(403);

        long id = scenario(parksEditor, "{\"name\":\"公园规划\",\"year\":2025}");
        assertThat(otherEditor.get("/api/scenarios/" + id).status()).isEqualTo(404);
        assertThat(viewer.get("/api/scenarios").json().size()).isZero();
        // an editor of parks drafts parks, not land cover
        Feature parcel = first("land_cover", f -> true);
        draft(parksEditor, id, "land_cover", "?replaces=" + parcel.id() + "&liveVersion=1",
                geojson(parcel, "class", "water"), 403);
        Feature park = first("parks", f -> true);
        draft(parksEditor, id, "parks", "?replaces=" + park.id() + "&liveVersion=1",
                geojson(park, "status", "built"), 201);
        draft(parksEditor, id, "zones", "", "{}", 422);

        HttpApi.Response shared = parksEditor.put("/api/scenarios/" + id, "\"1\"", "{\"shared\":true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(viewer.get("/api/scenarios/" + id).json().get("canEdit").booleanValue()).isFalse();
        assertThat(viewer.get("/api/scenarios/" + id + "/metrics").status()).isEqualTo(200);
        assertThat(json(viewer, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":["
                + park.id() + "],\"done\":true}", null).status()).isEqualTo(403);
        assertThat(json(otherEditor, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":["
                + park.id() + "],\"done\":true}", null).status()).isEqualTo(403);
        assertThat(json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":["
                + park.id() + "],\"done\":true}", null).status()).isEqualTo(200);
        // others duplicate it to make it theirs
        HttpApi.Response copy = json(otherEditor, "POST", "/api/scenarios/" + id + "/duplicate", "{}", null);
        assertThat(copy.status()).isEqualTo(201);
        assertThat(copy.json().get("author").asString()).isEqualTo("other_planner");
        assertThat(copy.json().get("shared").booleanValue()).isFalse();
        assertThat(copy.json().get("drafts").intValue()).isEqualTo(1);

        List<String> audit = admin.get("/api/audit?limit=100").json().valueStream()
                .map(a -> a.get("actor").asString() + " " + a.get("action").asString()).toList();
        assertThat(audit).contains("parks_planner scenario-created", "parks_planner scenario-draft",
                "parks_planner scenario-changed", "admin scenario-projects", "other_planner scenario-created");
    }

    @Test
    void aStreetScopedEditorDraftsOnlyInItsStreet() {
        List<Feature> streets = live("streets");
        String code = String.valueOf(streets.get(0).attributes().get("code"));
        HttpApi scoped = account("street_planner", "\"EDITOR\"", "null", "\"" + code + "\"");
        long id = scenario(scoped, "{\"name\":\"街道规划\",\"year\":2025}");
        org.locationtech.jts.geom.prep.PreparedGeometry street = org.locationtech.jts.geom.prep.PreparedGeometryFactory
                .prepare(streets.get(0).geometry());
        // in the street is every part of it (issue 17, item 4), not its point-on-surface
        Feature inside = first("land_cover", f -> street.covers(f.geometry()));
        Feature outside = first("land_cover", f -> !street.covers(f.geometry().getInteriorPoint()));
        draft(scoped, id, "land_cover", "?replaces=" + inside.id() + "&liveVersion=1",
                geojson(inside, "class", "wetland"), 201);
        draft(scoped, id, "land_cover", "?replaces=" + outside.id() + "&liveVersion=1",
                geojson(outside, "class", "wetland"), 403);
    }

    @Test
    void badInputIsRefusedByNameAndWritesNothing() {
        int before = admin.get("/api/scenarios").json().size();
        assertThat(json(admin, "POST", "/api/scenarios", "{\"name\":\"x\",\"year\":2025,\"countAsdone\":{}}", null)
                .json().get("detail").asString()).contains("countAsdone");
        assertThat(json(admin, "POST", "/api/scenarios", "{\"name\":\"x\",\"year\":1850}", null).status())
                .isEqualTo(422);
        HttpApi.Response badStatus = json(admin, "POST", "/api/scenarios", "{\"name\":\"x\",\"year\":2025,"
                + "\"countAsDone\":{\"parks\":[\"imagined\"]}}", null);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.json().get("detail").asString()).contains("imagined");
        assertThat(json(admin, "POST", "/api/scenarios", "{\"name\":\"x\",\"year\":2025,"
                + "\"countAsDone\":{\"zones\":[\"planned\"]}}", null).status()).isEqualTo(422);
        assertThat(admin.get("/api/scenarios").json().size()).isEqualTo(before);

        long id = scenario(admin, "{\"name\":\"检查\",\"year\":2025}");
        String bowtie = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117.40,39.10],"
                + "[117.41,39.11],[117.41,39.10],[117.40,39.11],[117.40,39.10]]]},\"properties\":{\"name\":\"蝴蝶\","
                + "\"status\":\"planned\"}}";
        JsonNode refused = draft(admin, id, "parks", "", bowtie, 422);
        assertThat(refused.get("errors").get(0).get("code").asString()).isEqualTo("self_intersection");
        Feature park = first("parks", f -> true);
        assertThat(draft(admin, id, "parks", "?replaces=" + park.id() + "&liveVersion=7", geojson(park), 409)
                .get("code").asString()).isEqualTo("live-changed");
        assertThat(admin.get("/api/scenarios/" + id + "/features").json().get("features").size()).isZero();
        assertThat(admin.put("/api/scenarios/" + id, "\"9\"", "{\"name\":\"y\"}").status()).isEqualTo(409);
        assertThat(json(admin, "PUT", "/api/scenarios/" + id + "/projects", "{\"layer\":\"parks\",\"ids\":[987654],"
                + "\"done\":true}", null).status()).isEqualTo(422);
        assertThat(admin.get("/api/scenarios/" + id).json().get("projects").size()).isZero();
    }
}
