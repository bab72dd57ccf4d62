package cn.dongli.carbonmap.edit;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.HistoryEntry;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The history of imports on both storage profiles (issue 19): an import is recorded once, not copied feature by
 * feature into {@code feature_history}, yet every imported feature's history shows the import, its later versions
 * and restores work, an undo of a small import (a replace too) is exact, and an undo of an edit made after an import
 * reverts only that edit.
 */
abstract class ImportHistoryContract {

    static final String PASSWORD = "a-long-password-1";

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    DataSource dataSource;

    HttpApi anonymous;
    HttpApi admin;
    /** A fresh editor per test: undo reverts the account's own latest edit. */
    String editorName;
    HttpApi editor;

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
        editorName = "importer_" + System.nanoTime() % 1_000_000;
        HttpApi.Response r = admin.post("/api/accounts", "application/json", "{\"username\":\"" + editorName
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"EDITOR\"],\"layers\":null,\"street\":null}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        editor = anonymous.as(editorName, PASSWORD);
    }

    /** A park at slot {@code slot}: slots never overlap. */
    static String park(String name, int slot) {
        double lon = 117.401 + (slot % 10) * 0.003;
        double lat = 39.101 + (slot / 10) * 0.003;
        return feature(box(lon, lat, lon + 0.002, lat + 0.002), "{\"name\":\"" + name + "\",\"status\":\"built\"}");
    }

    /** Imports parks (name → slot) as the account, appended or replacing the layer. */
    static void importParks(HttpApi who, boolean replace, Map<String, Integer> parks) {
        List<String> features = new ArrayList<>();
        parks.forEach((name, slot) -> features.add(park(name, slot)));
        HttpApi.Response r = who.post("/api/layers/parks/import" + (replace ? "?mode=replace" : ""),
                "application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features)
                        + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("imported").intValue()).isEqualTo(parks.size());
    }

    static Map<String, Integer> slots(Object... nameThenSlot) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSlot.length; i += 2) {
            m.put((String) nameThenSlot[i], (Integer) nameThenSlot[i + 1]);
        }
        return m;
    }

    /** The parks now stored: name → id. */
    Map<String, Long> parks() {
        Map<String, Long> out = new LinkedHashMap<>();
        anonymous.get("/api/layers/parks/features?limit=1000").json().get("features")
                .forEach(f -> out.put(f.get("properties").get("name").asString(), f.get("id").longValue()));
        return out;
    }

    JsonNode history(long id) {
        HttpApi.Response r = editor.get("/api/layers/parks/features/" + id + "/history");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Each entry as version, op, by and whether undone: "1import importer_1 false". */
    static List<String> entries(JsonNode history) {
        return history.valueStream().map(h -> h.get("version").intValue() + h.get("op").asString() + " "
                + h.get("by").asString() + " " + h.get("undone").booleanValue()).toList();
    }

    HttpApi.Response undo() {
        return editor.post("/api/edits/undo", "application/json", "{}");
    }

    long historyRows() {
        Long n = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM feature_history", Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void anImportedFeatureShowsTheImportInItsHistoryWithWhoAndWhen() {
        Instant before = Instant.now().minusSeconds(1);
        importParks(editor, false, slots("甲园", 0, "乙园", 1, "丙园", 2));
        Map<String, Long> first = parks();
        JsonNode h = history(first.get("乙园"));
        assertThat(entries(h)).containsExactly("1import " + editorName + " false");
        Instant at = Instant.parse(h.get(0).get("at").asString());
        assertThat(at).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(h.get(0).get("feature").get("properties").get("name").asString()).isEqualTo("乙园");
        assertThat(h.get(0).get("feature").get("id").longValue()).isEqualTo(first.get("乙园"));
        assertThat(anonymous.get("/api/layers/parks/features/" + first.get("乙园") + "/history").json().get(0).get("by")
                .isNull()).as("no names for anonymous readers").isTrue();

        // a replace: the new features show it, the old ones their deletion by it and their own import
        admin.post("/api/layers/parks/import?mode=replace", "application/geo+json", "{\"type\":\"FeatureCollection\","
                + "\"features\":[" + park("丁园", 3) + "]}");
        long d = parks().get("丁园");
        assertThat(entries(history(d))).containsExactly("1import admin false");
        assertThat(entries(history(first.get("甲园")))).containsExactly("1import-delete admin false",
                "1import " + editorName + " false");
        JsonNode deleted = history(first.get("甲园"));
        assertThat(deleted.get(0).get("deleted").booleanValue()).isTrue();
        assertThat(deleted.get(1).get("deleted").booleanValue()).isFalse();
        assertThat(deleted.get(1).get("feature").get("properties").get("name").asString()).isEqualTo("甲园");
    }

    @Test
    void anUpdateAfterAnImportKeepsBothVersionsAndTheImportedOneRestores() {
        importParks(editor, false, slots("甲园", 0, "乙园", 1));
        long id = parks().get("甲园");
        String f = "/api/layers/parks/features/" + id;
        assertThat(admin.put(f, "\"1\"", park("甲园（改）", 0)).status()).isEqualTo(200);
        JsonNode h = history(id);
        assertThat(entries(h)).containsExactly("2update admin false", "1import " + editorName + " false");
        assertThat(h.get(1).get("feature").get("properties").get("name").asString()).isEqualTo("甲园");

        HttpApi.Response restored = editor.send("POST", f + "/restore", "application/json", "{\"version\":1}", "\"2\"");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
        assertThat(restored.json().get("properties").get("name").asString()).isEqualTo("甲园");
        assertThat(entries(history(id))).containsExactly("3restore " + editorName + " false", "2update admin false",
                "1import " + editorName + " false");
        // the other imported feature is untouched
        assertThat(entries(history(parks().get("乙园")))).containsExactly("1import " + editorName + " false");
    }

    @Test
    void anUndoOfASmallReplaceBringsBackTheOldFeaturesAndRemovesTheNewOnes() {
        importParks(editor, false, slots("甲园", 0, "乙园", 1, "丙园", 2));
        Map<String, Long> old = parks();
        importParks(editor, true, slots("丁园", 3, "戊园", 4));
        Map<String, Long> replaced = parks();
        assertThat(replaced.keySet()).containsExactlyInAnyOrder("丁园", "戊园");

        HttpApi.Response undo = undo();
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        assertThat(undo.json().get("op").asString()).isEqualTo("import");
        Map<Long, Integer> versions = new LinkedHashMap<>();
        undo.json().get("features").forEach(f -> versions.put(f.get("id").longValue(),
                f.get("version").isNull() ? null : f.get("version").intValue()));
        Map<Long, Integer> expected = new LinkedHashMap<>();
        replaced.values().forEach(id -> expected.put(id, null));
        old.values().forEach(id -> expected.put(id, 2));
        assertThat(versions).isEqualTo(expected);
        assertThat(parks()).isEqualTo(old);
        assertThat(entries(history(old.get("甲园")))).containsExactly("2undo " + editorName + " false",
                "1import-delete " + editorName + " true", "1import " + editorName + " false");
        assertThat(anonymous.get("/api/layers/parks/features/" + replaced.get("丁园")).status()).isEqualTo(404);
        assertThat(entries(history(replaced.get("丁园")))).containsExactly("1undo-delete " + editorName + " false",
                "1import " + editorName + " true");

        // the next undo reverts the first import: the layer is empty again
        HttpApi.Response second = undo();
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("op").asString()).isEqualTo("import");
        assertThat(second.json().get("features").size()).isEqualTo(3);
        assertThat(parks()).isEmpty();
        assertThat(undo().status()).isEqualTo(404);
    }

    @Test
    void anUndoOfAnEditAfterAnImportRevertsOnlyThatEdit() {
        importParks(editor, false, slots("甲园", 0, "乙园", 1, "丙园", 2));
        Map<String, Long> ids = parks();
        long b = ids.get("乙园");
        assertThat(editor.put("/api/layers/parks/features/" + b, "\"1\"", park("乙园（改）", 1)).status())
                .isEqualTo(200);
        HttpApi.Response undo = undo();
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        assertThat(undo.json().get("op").asString()).isEqualTo("update");
        assertThat(undo.json().get("features").size()).isEqualTo(1);
        assertThat(parks()).isEqualTo(ids);
        assertThat(anonymous.get("/api/layers/parks/features/" + b).header("ETag")).isEqualTo("\"3\"");
        assertThat(entries(history(b))).containsExactly("3undo " + editorName + " false",
                "2update " + editorName + " true", "1import " + editorName + " false");

        // the account's latest edit is now the import, though another account changed one of its features later:
        // first a creation of its own, then someone else's update of an imported feature (which writes the
        // imported state into the history): the undo reverts the creation, not the import
        long own = editor.post("/api/layers/parks/features", "application/geo+json", park("己园", 5)).json().get("id")
                .longValue();
        assertThat(admin.put("/api/layers/parks/features/" + ids.get("甲园"), "\"1\"", park("甲园（管理员改）", 0))
                .status()).isEqualTo(200);
        HttpApi.Response uncreate = undo();
        assertThat(uncreate.status()).as(uncreate.body()).isEqualTo(200);
        assertThat(uncreate.json().get("op").asString()).isEqualTo("create");
        assertThat(uncreate.json().get("features").get(0).get("id").longValue()).isEqualTo(own);
        // then the import, whose feature 甲园 was changed since: refused, nothing reverted
        HttpApi.Response refused = undo();
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(parks().keySet()).containsExactlyInAnyOrder("甲园（管理员改）", "乙园", "丙园");
    }

    @Test
    void aReplaceOfAReplaceStillRestoresTheFirstLayersFeatures() {
        importParks(editor, false, slots("甲园", 0, "乙园", 1));
        Map<String, Long> first = parks();
        importParks(admin, true, slots("丙园", 2, "丁园", 3));
        Map<String, Long> second = parks();
        importParks(admin, true, slots("戊园", 4));
        assertThat(parks().keySet()).containsExactly("戊园");

        long a = first.get("甲园");
        assertThat(entries(history(a))).containsExactly("1import-delete admin false",
                "1import " + editorName + " false");
        HttpApi.Response back = editor.post("/api/layers/parks/features/" + a + "/restore", "application/json",
                "{\"version\":1}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("id").longValue()).isEqualTo(a);
        assertThat(back.json().get("properties").get("name").asString()).isEqualTo("甲园");
        assertThat(back.header("ETag")).isEqualTo("\"2\"");

        long c = second.get("丙园");
        assertThat(entries(history(c))).containsExactly("1import-delete admin false", "1import admin false");
        HttpApi.Response c2 = editor.post("/api/layers/parks/features/" + c + "/restore", "application/json",
                "{\"version\":1}");
        assertThat(c2.status()).as(c2.body()).isEqualTo(200);
        assertThat(c2.json().get("properties").get("name").asString()).isEqualTo("丙园");
        assertThat(parks().keySet()).containsExactlyInAnyOrder("甲园", "丙园", "戊园");
    }

    @Test
    void anImportIntoAnEmptyLayerAddsOneHistoryRowNotOnePerFeature() {
        Layer plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        int n = 500;
        long rows = historyRows();
        Instant t = Instant.now();
        assertThat(store.importFeatures(plots, plots(n, 0), false, "bulk")).isEqualTo(n);
        Duration took = Duration.between(t, Instant.now());
        assertThat(historyRows() - rows).as("history rows of an import of %d features (%s)", n, took)
                .isLessThanOrEqualTo(2);

        // its history is still complete: every feature's entry, and the import as the account's latest edit
        List<HistoryEntry> edit = store.lastEdit("bulk");
        assertThat(edit).hasSize(n);
        assertThat(edit).allSatisfy(e -> {
            assertThat(e.op()).isEqualTo("import");
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.deleted()).isFalse();
        });
        long someId = edit.get(n / 2).featureId();
        List<HistoryEntry> one = store.history(plots, someId);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).state().attributes()).isEqualTo(store.get(plots, someId).orElseThrow().attributes());

        // a replace writes one row per feature it deletes (and its own record), none per feature it writes
        rows = historyRows();
        assertThat(store.importFeatures(plots, plots(n, 1), true, "bulk")).isEqualTo(n);
        assertThat(historyRows() - rows).isLessThanOrEqualTo(n + 2);
        List<HistoryEntry> replaced = store.history(plots, someId);
        assertThat(replaced).extracting(HistoryEntry::deleted).containsExactly(true, false);
        assertThat(replaced.get(1).state().attributes().get("plot_code")).isEqualTo(
                replaced.get(0).state().attributes().get("plot_code"));
        assertThat(store.lastEdit("bulk")).hasSize(2 * n);
    }

    @Test
    void textWithTabsBackslashesAndLineBreaksImportsAsItIs() {
        Layer plots = catalog.get(LayerCatalog.FOREST_PLOTS);
        FeatureDraft plain = plots(1, 0).get(0);
        Map<String, Object> a = new LinkedHashMap<>(plain.attributes());
        String odd = "a\tb\\c\nd\re \\N 林\\t";
        a.put("plot_code", odd);
        a.put("survey_date", java.time.LocalDate.of(2024, 5, 17));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("note", odd);
        extra.put("n", 3);
        store.importFeatures(plots, List.of(new FeatureDraft(plain.geometry(), a, extra)), false, "odd");
        HistoryEntry e = store.lastEdit("odd").get(0);
        var stored = store.get(plots, e.featureId()).orElseThrow();
        assertThat(stored.attributes().get("plot_code")).isEqualTo(odd);
        assertThat(stored.attributes().get("planted_year")).isNull();
        assertThat(stored.attributes().get("survey_date")).isEqualTo(java.time.LocalDate.of(2024, 5, 17));
        assertThat(stored.extra()).isEqualTo(extra);
        assertThat(stored.geometry().equalsExact(plain.geometry())).isTrue();
        assertThat(e.state().attributes().get("plot_code")).isEqualTo(odd);
        assertThat(e.state().extra()).isEqualTo(extra);
    }

    /** Small square forest plots in one row, in a band of the district per {@code band}. */
    private static List<FeatureDraft> plots(int n, int band) {
        List<FeatureDraft> out = new ArrayList<>();
        double side = 0.00005;
        for (int i = 0; i < n; i++) {
            double x = 117.401 + (i % 100) * 2 * side;
            double y = 39.101 + band * 0.005 + (i / 100) * 2 * side;
            Polygon p = Geometries.STORAGE.createPolygon(new Coordinate[] {new Coordinate(x, y),
                    new Coordinate(x + side, y), new Coordinate(x + side, y + side), new Coordinate(x, y + side),
                    new Coordinate(x, y)});
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("plot_code", "B" + band + "-" + i);
            a.put("species", "poplar");
            a.put("canopy_closure", 0.5);
            a.put("stock_m3", 2.5);
            out.add(new FeatureDraft(Geometries.STORAGE.createMultiPolygon(new Polygon[] {p}), a, Map.of()));
        }
        return out;
    }
}
