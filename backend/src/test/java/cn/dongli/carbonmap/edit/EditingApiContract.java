package cn.dongli.carbonmap.edit;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Editing the layers safely, on both storage profiles: who may write what and where, the rules every write meets,
 * versions, history, restore, undo, split and merge. Street A is 117.40–117.42 E, street B 117.42–117.44 E, both
 * 39.10–39.12 N.
 */
abstract class EditingApiContract {

    static final String PASSWORD = "a-long-password-1";

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    HttpApi anonymous;
    HttpApi admin;

    static String plot(String code, double lon, double lat, double size, double canopy, double stock) {
        return feature(box(lon, lat, lon + size, lat + size), "{\"plot_code\":\"" + code + "\",\"species\":\"ash\","
                + "\"canopy_closure\":" + canopy + ",\"stock_m3\":" + stock + "}");
    }

    static String park(String name, double lon, double lat, double size) {
        return feature(box(lon, lat, lon + size, lat + size), "{\"name\":\"" + name + "\",\"status\":\"built\"}");
    }

    @BeforeEach
    void district() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (var layer : catalog.all()) {
            store.importFeatures(layer, List.of(), true, "test");
        }
        String streets = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(box(117.40, 39.10, 117.42, 39.12), "{\"code\":\"120110000001\",\"name\":\"甲街道\"}") + ","
                + feature(box(117.42, 39.10, 117.44, 39.12), "{\"code\":\"120110000002\",\"name\":\"乙街道\"}") + "]}";
        assertThat(admin.post("/api/layers/streets/import", "application/geo+json", streets).status()).isEqualTo(200);
        account("editor", "[\"EDITOR\"]", "null", "null");
        account("parks_editor", "[\"EDITOR\"]", "[\"parks\"]", "null");
        account("surveyor", "[\"SURVEYOR\"]", "null", "null");
        account("viewer", "[\"VIEWER\"]", "null", "null");
        account("street_a", "[\"EDITOR\"]", "null", "\"120110000001\"");
    }

    void account(String name, String roles, String layers, String street) {
        HttpApi.Response r = admin.post("/api/accounts", "application/json", "{\"username\":\"" + name
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + roles + ",\"layers\":" + layers + ",\"street\":"
                + street + "}");
        assertThat(r.status()).as(r.body()).isIn(201, 409);
    }

    HttpApi as(String name) {
        return anonymous.as(name, PASSWORD);
    }

    long create(HttpApi who, String layer, String body) {
        HttpApi.Response r = who.post("/api/layers/" + layer + "/features", "application/geo+json", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").longValue();
    }

    // --- who may write what -------------------------------------------------------------------------------------

    @Test
    void everyWriteEndpointRefusesAnonymousUsersWith401() {
        long id = create(admin, "forest_plots", plot("P1", 117.401, 39.101, 0.002, 0.5, 10));
        String f = "/api/layers/forest_plots/features/" + id;
        List<HttpApi.Response> answers = List.of(
                anonymous.post("/api/layers/forest_plots/features", "application/geo+json", plot("X", 117.41, 39.11, 0.001, 0.5, 1)),
                anonymous.put(f, "\"1\"", plot("P1", 117.401, 39.101, 0.002, 0.6, 10)),
                anonymous.delete(f, "\"1\""),
                anonymous.post("/api/layers/forest_plots/import", "application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[]}"),
                anonymous.post(f + "/split", "application/json", "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[117.402,39.100],[117.402,39.104]]}}"),
                anonymous.post("/api/layers/forest_plots/merge", "application/json", "{\"features\":[]}"),
                anonymous.post(f + "/restore", "application/json", "{\"version\":1}"),
                anonymous.post("/api/edits/undo", "application/json", "{}"),
                anonymous.post("/api/plan/indicators/transport-2/values", "application/json", "{\"year\":2024,\"value\":\"1\"}"),
                anonymous.post("/api/accounts", "application/json", "{}"),
                anonymous.get("/api/accounts"));
        assertThat(answers).extracting(HttpApi.Response::status).containsOnly(401);
        assertThat(store.get(catalog.get("forest_plots"), id).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void viewersWriteNothing() {
        long id = create(admin, "parks", park("程林公园", 117.401, 39.101, 0.002));
        HttpApi viewer = as("viewer");
        assertThat(viewer.post("/api/layers/parks/features", "application/geo+json", park("新公园", 117.41, 39.11, 0.001))
                .status()).isEqualTo(403);
        assertThat(viewer.put("/api/layers/parks/features/" + id, "\"1\"", park("改名", 117.401, 39.101, 0.002)).status())
                .isEqualTo(403);
        assertThat(viewer.delete("/api/layers/parks/features/" + id, "\"1\"").status()).isEqualTo(403);
        assertThat(viewer.post("/api/layers/parks/import", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[" + park("新", 117.41, 39.11, 0.001) + "]}").status())
                .isEqualTo(403);
        assertThat(viewer.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"1\"}").status()).isEqualTo(403);
        assertThat(viewer.get("/api/accounts").status()).isEqualTo(403);
        assertThat(viewer.get("/api/layers/parks/features/" + id).status()).isEqualTo(200);
    }

    @Test
    void editorsWriteOnlyTheLayersGrantedToThem() {
        HttpApi parksEditor = as("parks_editor");
        assertThat(parksEditor.post("/api/layers/parks/features", "application/geo+json",
                park("程盛公园", 117.401, 39.101, 0.002)).status()).isEqualTo(201);
        HttpApi.Response refused = parksEditor.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("P1", 117.405, 39.105, 0.001, 0.5, 1));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("forest_plots");
        assertThat(as("editor").post("/api/layers/forest_plots/features", "application/geo+json",
                plot("P1", 117.405, 39.105, 0.001, 0.5, 1)).status()).isEqualTo(201);
    }

    @Test
    void surveyorsChangeSurveyAttributesOnly() {
        long id = create(admin, "forest_plots", plot("DL-7", 117.401, 39.101, 0.002, 0.5, 10));
        String f = "/api/layers/forest_plots/features/" + id;
        HttpApi surveyor = as("surveyor");
        HttpApi.Response resurveyed = surveyor.put(f, "\"1\"", plot("DL-7", 117.401, 39.101, 0.002, 0.65, 14.5));
        assertThat(resurveyed.status()).as(resurveyed.body()).isEqualTo(200);
        assertThat(resurveyed.json().get("properties").get("stock_m3").doubleValue()).isEqualTo(14.5);
        assertThat(surveyor.put(f, "\"2\"", plot("DL-7", 117.401, 39.101, 0.003, 0.65, 14.5)).status()).isEqualTo(403);
        assertThat(surveyor.put(f, "\"2\"", plot("DL-8", 117.401, 39.101, 0.002, 0.65, 14.5)).status()).isEqualTo(403);
        assertThat(surveyor.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("DL-9", 117.41, 39.11, 0.001, 0.5, 1)).status()).isEqualTo(403);
        assertThat(surveyor.delete(f, "\"2\"").status()).isEqualTo(403);
        assertThat(surveyor.post("/api/layers/parks/features", "application/geo+json", park("p", 117.41, 39.11, 0.001))
                .status()).isEqualTo(403);
    }

    @Test
    void aStreetScopedEditorWritesOnlyInItsStreet() {
        HttpApi streetA = as("street_a");
        assertThat(streetA.post("/api/layers/parks/features", "application/geo+json", park("甲", 117.401, 39.101, 0.002))
                .status()).isEqualTo(201);
        HttpApi.Response outside = streetA.post("/api/layers/parks/features", "application/geo+json",
                park("乙", 117.431, 39.101, 0.002));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.json().get("detail").asString()).contains("甲街道");
        // the check before saving says so too, with where
        HttpApi.Response check = streetA.post("/api/geometry/check?layer=parks", "application/geo+json",
                park("乙", 117.431, 39.101, 0.002));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("valid").asBoolean()).isFalse();
        assertThat(check.json().get("problems").get(0).get("code").asString()).isEqualTo("outside_street");
        assertThat(check.json().get("problems").get(0).get("location").get("coordinates").get(0).asDouble())
                .isBetween(117.42, 117.44);
        assertThat(streetA.post("/api/geometry/check?layer=parks", "application/geo+json",
                park("甲", 117.401, 39.101, 0.002)).json().get("valid").asBoolean()).isTrue();
        long inB = create(admin, "parks", park("乙", 117.431, 39.101, 0.002));
        assertThat(streetA.put("/api/layers/parks/features/" + inB, "\"1\"", park("乙改", 117.431, 39.101, 0.002))
                .status()).isEqualTo(403);
        assertThat(streetA.delete("/api/layers/parks/features/" + inB, "\"1\"").status()).isEqualTo(403);
        long inA = create(admin, "parks", park("甲2", 117.405, 39.105, 0.002));
        // moving a feature of street A into street B is writing in street B
        assertThat(streetA.put("/api/layers/parks/features/" + inA, "\"1\"", park("甲2", 117.432, 39.105, 0.002))
                .status()).isEqualTo(403);
        assertThat(streetA.post("/api/layers/parks/import?mode=replace", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[" + park("甲3", 117.403, 39.103, 0.001) + "]}")
                .status()).isEqualTo(403);
        assertThat(store.count(catalog.get("parks"))).isEqualTo(3);
    }

    // --- the rules every write meets -----------------------------------------------------------------------------

    @Test
    void forestPlotsMayNotOverlapButParksMay() {
        create(admin, "forest_plots", plot("P1", 117.401, 39.101, 0.004, 0.5, 10));
        HttpApi.Response overlapping = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("P2", 117.403, 39.103, 0.004, 0.5, 10));
        assertThat(overlapping.status()).isEqualTo(422);
        JsonNode error = overlapping.json().get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("overlap");
        assertThat(error.get("reason").asString()).contains("P1");
        double lon = error.get("location").get("coordinates").get(0).doubleValue();
        assertThat(lon).isBetween(117.403, 117.405);
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(1);
        // sharing an edge is not overlapping
        assertThat(admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("P3", 117.405, 39.101, 0.004, 0.5, 10)).status()).isEqualTo(201);
        create(admin, "parks", park("程林公园", 117.401, 39.101, 0.004));
        create(admin, "parks", park("程林公园二期", 117.403, 39.103, 0.004));
    }

    @Test
    void zonesOfDifferentTypesMayOverlapZonesOfOneTypeMayNot() {
        create(admin, "zones", feature(box(117.40, 39.10, 117.43, 39.12),
                "{\"code\":\"GL-1\",\"name\":\"一级管控区\",\"zone_type\":\"control_level\",\"level\":1}"));
        create(admin, "zones", feature(box(117.41, 39.10, 117.44, 39.12),
                "{\"code\":\"PQ-01\",\"name\":\"林水涵养区\",\"zone_type\":\"functional_area\"}"));
        HttpApi.Response sameType = admin.post("/api/layers/zones/features", "application/geo+json",
                feature(box(117.42, 39.10, 117.44, 39.12),
                        "{\"code\":\"GL-2\",\"name\":\"二级管控区\",\"zone_type\":\"control_level\",\"level\":2}"));
        assertThat(sameType.status()).isEqualTo(422);
        assertThat(sameType.json().get("errors").get(0).get("reason").asString()).contains("GL-1");
    }

    @Test
    void featuresOutsideTheDistrictAreRefused() {
        HttpApi.Response r = admin.post("/api/layers/parks/features", "application/geo+json",
                park("远处", 117.45, 39.11, 0.002));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("code").asString()).isEqualTo("outside_district");
        assertThat(store.count(catalog.get("parks"))).isZero();
    }

    @Test
    void aStaleVersionIs409WithTheCurrentFeatureAndTheNewerEditIsKept() {
        long id = create(admin, "parks", park("程林公园", 117.401, 39.101, 0.002));
        String f = "/api/layers/parks/features/" + id;
        assertThat(as("editor").put(f, "\"1\"", park("程林公园（一期）", 117.401, 39.101, 0.002)).status()).isEqualTo(200);
        HttpApi.Response stale = admin.put(f, "\"1\"", park("程林公园（旧名）", 117.401, 39.101, 0.002));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("current").get("properties").get("name").asString()).isEqualTo("程林公园（一期）");
        assertThat(stale.json().get("current").get("meta").get("version").intValue()).isEqualTo(2);
        assertThat(anonymous.get(f).json().get("properties").get("name").asString()).isEqualTo("程林公园（一期）");
    }

    @Test
    void checkReportsProblemsWithoutWriting() {
        create(admin, "forest_plots", plot("P1", 117.401, 39.101, 0.004, 0.5, 10));
        HttpApi.Response r = as("editor").post("/api/geometry/check?layer=forest_plots", "application/geo+json",
                plot("P2", 117.403, 39.103, 0.004, 0.5, 10));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("valid").booleanValue()).isFalse();
        assertThat(r.json().get("problems").get(0).get("code").asString()).isEqualTo("overlap");
        HttpApi.Response bowTie = as("editor").post("/api/geometry/make-valid", "application/json",
                "{\"type\":\"Polygon\",\"coordinates\":[[[117.40,39.10],[117.41,39.11],[117.41,39.10],[117.40,39.11],[117.40,39.10]]]}");
        assertThat(bowTie.status()).isEqualTo(200);
        assertThat(bowTie.json().get("type").asString()).isEqualTo("MultiPolygon");
        assertThat(bowTie.json().get("coordinates").size()).isEqualTo(2);
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(1);
    }

    // --- history, restore, undo ----------------------------------------------------------------------------------

    @Test
    void everyChangeIsKeptAndAnyVersionCanBeRestored() {
        HttpApi editor = as("editor");
        long id = create(editor, "parks", park("程林公园", 117.401, 39.101, 0.002));
        String f = "/api/layers/parks/features/" + id;
        assertThat(editor.put(f, "\"1\"", park("程林公园（扩建）", 117.401, 39.101, 0.003)).status()).isEqualTo(200);
        assertThat(admin.put(f, "\"2\"", park("程林公园（再扩建）", 117.401, 39.101, 0.004)).status()).isEqualTo(200);
        // who made each change: for signed-in staff; anonymous readers get the history without names (issue 17)
        JsonNode history = editor.get(f + "/history").json();
        assertThat(history.valueStream().map(h -> h.get("version").intValue() + h.get("op").asString() + h.get("by").asString()))
                .containsExactly("3updateadmin", "2updateeditor", "1createeditor");
        assertThat(anonymous.get(f + "/history").json().valueStream().map(h -> h.get("by").isNull()))
                .containsExactly(true, true, true);
        assertThat(history.get(2).get("feature").get("properties").get("name").asString()).isEqualTo("程林公园");

        HttpApi.Response restored = editor.post(f + "/restore", "application/json", "{\"version\":1}");
        assertThat(restored.status()).isEqualTo(428);
        restored = postWithIfMatch(editor, f + "/restore", "\"3\"", "{\"version\":1}");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.header("ETag")).isEqualTo("\"4\"");
        assertThat(restored.json().get("properties").get("name").asString()).isEqualTo("程林公园");

        assertThat(editor.delete(f, "\"4\"").status()).isEqualTo(204);
        HttpApi.Response back = editor.post(f + "/restore", "application/json", "{\"version\":3}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("id").longValue()).isEqualTo(id);
        assertThat(back.json().get("properties").get("name").asString()).isEqualTo("程林公园（再扩建）");
        assertThat(anonymous.get(f + "/history").json().get(0).get("op").asString()).isEqualTo("restore");
    }

    HttpApi.Response postWithIfMatch(HttpApi who, String path, String ifMatch, String body) {
        return who.send("POST", path, "application/json", body, ifMatch);
    }

    @Test
    void undoRevertsOnesOwnLastEditOnlyIfNobodyChangedItSince() {
        String name = "undoer_" + System.nanoTime() % 100000;
        account(name, "[\"EDITOR\"]", "null", "null");
        HttpApi editor = as(name);
        long id = create(editor, "parks", park("程林公园", 117.401, 39.101, 0.002));
        String f = "/api/layers/parks/features/" + id;
        assertThat(editor.put(f, "\"1\"", park("程林公园（改）", 117.401, 39.101, 0.002)).status()).isEqualTo(200);
        HttpApi.Response undo = editor.post("/api/edits/undo", "application/json", "{}");
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        assertThat(undo.json().get("op").asString()).isEqualTo("update");
        assertThat(undo.json().get("features").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(undo.json().get("features").get(0).get("version").asInt()).as("the undo is a new version").isEqualTo(3);
        assertThat(anonymous.get(f).json().get("properties").get("name").asString()).isEqualTo("程林公园");
        assertThat(anonymous.get(f).header("ETag")).isEqualTo("\"3\"");
        // the next undo reverts the creation
        HttpApi.Response uncreate = editor.post("/api/edits/undo", "application/json", "{}");
        assertThat(uncreate.status()).isEqualTo(200);
        assertThat(uncreate.json().get("features").get(0).get("version").isNull()).as("removed: no version").isTrue();
        assertThat(anonymous.get(f).status()).isEqualTo(404);
        assertThat(editor.post("/api/edits/undo", "application/json", "{}").status()).isEqualTo(404);

        long other = create(editor, "parks", park("程盛公园", 117.405, 39.105, 0.002));
        admin.put("/api/layers/parks/features/" + other, "\"1\"", park("程盛公园（管理员改）", 117.405, 39.105, 0.002));
        HttpApi.Response refused = editor.post("/api/edits/undo", "application/json", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(anonymous.get("/api/layers/parks/features/" + other).json().get("properties").get("name").asString())
                .isEqualTo("程盛公园（管理员改）");
    }

    // --- split and merge -----------------------------------------------------------------------------------------

    @Test
    void aPlotSplitAlongALineSharesItsStockByAreaAndTheSplitCanBeUndone() {
        HttpApi editor = as("editor");
        long id = create(editor, "forest_plots", plot("DL-1", 117.401, 39.101, 0.004, 0.5, 100));
        HttpApi.Response split = postWithIfMatch(editor, "/api/layers/forest_plots/features/" + id + "/split", "\"1\"",
                "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[117.402,39.100],[117.402,39.106]]}}");
        assertThat(split.status()).as(split.body()).isEqualTo(200);
        JsonNode created = split.json().get("created");
        assertThat(created.size()).isEqualTo(2);
        double stock = created.get(0).get("properties").get("stock_m3").doubleValue()
                + created.get(1).get("properties").get("stock_m3").doubleValue();
        assertThat(stock).isCloseTo(100, within(0.01));
        assertThat(created.valueStream().map(c -> c.get("properties").get("plot_code").asString()))
                .containsExactlyInAnyOrder("DL-1-1", "DL-1-2");
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(2);
        assertThat(editor.post("/api/edits/undo", "application/json", "{}").status()).isEqualTo(200);
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(1);
        assertThat(anonymous.get("/api/layers/forest_plots/features/" + id).json().get("properties").get("stock_m3")
                .doubleValue()).isEqualTo(100);
        String etag = anonymous.get("/api/layers/forest_plots/features/" + id).header("ETag");
        HttpApi.Response missed = postWithIfMatch(editor, "/api/layers/forest_plots/features/" + id + "/split",
                etag, "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[117.41,39.100],[117.41,39.106]]}}");
        assertThat(missed.status()).isEqualTo(422);
    }

    @Test
    void mergedPlotsSumTheirStock() {
        HttpApi editor = as("editor");
        long a = create(editor, "forest_plots", plot("DL-1", 117.401, 39.101, 0.002, 0.5, 30));
        long b = create(editor, "forest_plots", plot("DL-2", 117.403, 39.101, 0.002, 0.6, 20));
        HttpApi.Response merged = editor.post("/api/layers/forest_plots/merge", "application/json",
                "{\"features\":[{\"id\":" + a + ",\"version\":1},{\"id\":" + b + ",\"version\":1}]}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("feature").get("properties").get("stock_m3").doubleValue()).isEqualTo(50);
        assertThat(merged.json().get("feature").get("properties").get("plot_code").asString()).isEqualTo("DL-1");
        assertThat(merged.json().get("deleted").get(0).longValue()).isEqualTo(b);
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(1);
        HttpApi.Response stale = editor.post("/api/layers/forest_plots/merge", "application/json",
                "{\"features\":[{\"id\":" + a + ",\"version\":1},{\"id\":" + b + ",\"version\":1}]}");
        assertThat(stale.status()).isIn(404, 409);
    }

    // --- signing in ----------------------------------------------------------------------------------------------

    @Test
    void theBrowserSignsInWithASessionAndWritesWithItsCsrfToken() {
        HttpApi.Session session = anonymous.session();
        HttpApi.Response wrong = session.signIn("editor", "wrong-password");
        assertThat(wrong.status()).isEqualTo(401);
        HttpApi.Response ok = session.signIn("editor", PASSWORD);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("canWrite").get("forest_plots").asString()).isEqualTo("all");
        assertThat(session.get("/api/session").json().get("username").asString()).isEqualTo("editor");
        HttpApi.Response withoutToken = session.post("/api/layers/parks/features", park("甲", 117.401, 39.101, 0.002),
                false);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().get("code").asString()).as("told apart from a role refusal").isEqualTo("csrf");
        HttpApi.Response withToken = session.post("/api/layers/parks/features", park("甲", 117.401, 39.101, 0.002),
                true);
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(201);
        assertThat(session.delete("/api/session").status()).isEqualTo(204);
        assertThat(session.get("/api/session").json().get("authenticated").booleanValue()).isFalse();
    }

    @Test
    void repeatedFailedSignInsAreSlowedDown() {
        account("guessed", "[\"VIEWER\"]", "null", "null");
        HttpApi.Session session = anonymous.session();
        for (int i = 0; i < 5; i++) {
            assertThat(session.signIn("guessed", "guess-" + i).status()).isEqualTo(401);
        }
        HttpApi.Response blocked = session.signIn("guessed", PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(Integer.parseInt(blocked.header("Retry-After"))).isPositive();
        // HTTP Basic counts too
        assertThat(as("guessed").get("/api/session").status()).isEqualTo(429);
    }

    @Test
    void adminsManageAccounts() {
        HttpApi.Response weak = admin.post("/api/accounts", "application/json",
                "{\"username\":\"new_editor\",\"password\":\"short\",\"roles\":[\"EDITOR\"]}");
        assertThat(weak.status()).isEqualTo(422);
        HttpApi.Response created = admin.post("/api/accounts", "application/json",
                "{\"username\":\"new_editor\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(admin.post("/api/accounts", "application/json",
                "{\"username\":\"new_editor\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"EDITOR\"]}").status())
                .isEqualTo(409);
        assertThat(admin.send("PUT", "/api/accounts/new_editor", "application/json", "{\"enabled\":false}", null)
                .status()).isEqualTo(200);
        assertThat(anonymous.as("new_editor", PASSWORD).post("/api/layers/parks/features", "application/geo+json",
                park("甲", 117.401, 39.101, 0.002)).status()).isEqualTo(401);
        assertThat(as("editor").post("/api/accounts", "application/json", "{}").status()).isEqualTo(403);
        assertThat(admin.get("/api/accounts").json().valueStream().map(a -> a.get("username").asString()))
                .contains("admin", "editor", "new_editor");
    }
}
