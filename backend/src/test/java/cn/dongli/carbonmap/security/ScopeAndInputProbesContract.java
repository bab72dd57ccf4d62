package cn.dongli.carbonmap.security;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.dongli.carbonmap.support.HttpApi;

/**
 * The probes of issue 17, items 4 (street scope) and 8 (unhandled 500s), as real HTTP against the running server on
 * both storage profiles (see {@code docs/SECURITY.md}, "Street scope, input and start-up"). Street A is 117.40–117.42
 * E, street B 117.42–117.44 E, both 39.10–39.12 N. Every test makes accounts of its own names.
 */
abstract class ScopeAndInputProbesContract extends ProbedDistrict {

    @BeforeEach
    void streets() {
        twoStreets();
    }

    /** An editor of every layer, scoped to street A, granted plan values. */
    HttpApi streetEditor() {
        return anonymous.as(account("street_a", "\"roles\":[\"EDITOR\"],\"street\":\"" + STREET_A
                + "\",\"planValues\":true"), PASSWORD);
    }

    static String parkProperties(String name) {
        return "{\"name\":\"" + name + "\",\"status\":\"built\"}";
    }

    /** A park of several polygons (each a closed ring of lon/lat pairs). */
    static String multiPark(String name, String... polygons) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
                + String.join(",", polygons) + "]},\"properties\":" + parkProperties(name) + "}";
    }

    static void refused(HttpApi.Response r, int status, String... detailContains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains(detailContains);
    }

    // --- item 4: every part of a scoped write lies in the street -------------------------------------------------

    @Test
    void aScopedEditorCannotSmuggleABlockOfAnotherStreetInAMultiPolygon() {
        HttpApi editor = streetEditor();
        // a long thin strip in street A (its point-on-surface) and a block in street B
        String strip = box(117.401, 39.101, 117.419, 39.1012);
        String block = box(117.425, 39.105, 117.427, 39.107);
        HttpApi.Response r = editor.post("/api/layers/parks/features", "application/geo+json",
                multiPark("两街公园", strip, block));
        refused(r, 403, "甲街道");
        assertThat(admin.get("/api/layers/parks/features").json().get("features").size()).isZero();
    }

    @Test
    void aScopedEditorCannotDrawAcrossTheStreetBoundary() {
        HttpApi editor = streetEditor();
        // most of it (and its point-on-surface) in street A, a third in street B
        refused(editor.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.410, 39.101, 117.425, 39.103), parkProperties("跨街公园"))), 403, "甲街道");
        // moved over the boundary by an update
        HttpApi.Response created = editor.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.410, 39.101, 117.415, 39.103), parkProperties("甲公园")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String f = "/api/layers/parks/features/" + created.json().get("id").longValue();
        refused(editor.put(f, "\"1\"", multiPark("甲公园", box(117.410, 39.101, 117.415, 39.103),
                box(117.430, 39.101, 117.4301, 39.1011))), 403, "甲街道");
        // a boundary drawn twice: a sliver beyond the street within the editing tolerance is noise
        HttpApi.Response noise = editor.put(f, "\"1\"", feature(box(117.410, 39.101, 117.4200005, 39.103),
                parkProperties("甲公园")));
        assertThat(noise.status()).as(noise.body()).isEqualTo(200);
    }

    @Test
    void aScopedEditorCannotMergeAcrossStreets() {
        HttpApi editor = streetEditor();
        HttpApi.Response inA = admin.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.419, 39.1012), parkProperties("甲")));
        HttpApi.Response inB = admin.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.425, 39.105, 117.427, 39.107), parkProperties("乙")));
        refused(editor.post("/api/layers/parks/merge", "application/json", "{\"features\":[{\"id\":"
                + inA.json().get("id").longValue() + ",\"version\":1},{\"id\":" + inB.json().get("id").longValue()
                + ",\"version\":1}]}"), 403, "甲街道");
    }

    // --- item 4: district-wide actions need an account without a street scope ------------------------------------

    @Test
    void aScopedEditorCannotManageSeasonsOrCarbonParameters() {
        assertThat(admin.post("/api/seasons", "application/json", "{\"code\":\"S17a\",\"name\":\"二〇二五\","
                + "\"surveyDate\":\"2025-10-01\"}").status()).isEqualTo(201);
        HttpApi editor = streetEditor();
        refused(editor.post("/api/seasons/S17a/close", "application/json", ""), 403, "street");
        assertThat(admin.get("/api/seasons").json().valueStream()
                .filter(s -> s.get("code").asString().equals("S17a")).findFirst().orElseThrow()
                .get("state").asString()).isEqualTo("open");
        refused(editor.post("/api/seasons", "application/json", "{\"code\":\"S17b\",\"name\":\"x\","
                + "\"surveyDate\":\"2025-10-01\"}"), 403, "street");
        refused(editor.post("/api/seasons/S17c/import?name=x&surveyDate=2020-10-01", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[]}"), 403, "street");
        refused(editor.send("PUT", "/api/carbon/parameters/poplar", "application/json", "{\"nameZh\":\"杨树\","
                + "\"woodDensity\":0.9,\"bef\":1.4,\"rootShoot\":0.2,\"carbonFraction\":0.5,\"source\":\"x\"}", null),
                403, "street");
        refused(editor.send("PUT", "/api/pv/parameters/module_kwp_per_m2", "application/json",
                "{\"value\":0.3,\"source\":\"x\"}", null), 403, "admins");
        refused(editor.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"1\"}"), 403, "street");
        assertThat(admin.get("/api/carbon/parameters").json().valueStream()
                .filter(p -> p.get("species").asString().equals("poplar")).findFirst().orElseThrow()
                .get("woodDensity").doubleValue()).isNotEqualTo(0.9);
        // an editor without a street scope still does all of it
        HttpApi district = anonymous.as(account("district", "\"roles\":[\"EDITOR\"],\"planValues\":true"), PASSWORD);
        assertThat(district.post("/api/seasons/S17a/close", "application/json", "").status()).isEqualTo(200);
        assertThat(district.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"1\"}").status()).isEqualTo(201);
    }

    @Test
    void aScopedEditorCannotChangeTheStreetsOrZonesLayers() {
        HttpApi editor = streetEditor();
        long own = admin.get("/api/layers/streets/features").json().get("features").valueStream()
                .filter(f -> f.get("properties").get("code").asString().equals(STREET_A)).findFirst().orElseThrow()
                .get("id").longValue();
        refused(editor.delete("/api/layers/streets/features/" + own, "\"1\""), 403, "street");
        assertThat(admin.get("/api/layers/streets/features").json().get("features").size()).isEqualTo(2);
        refused(editor.post("/api/layers/zones/features", "application/geo+json", feature(box(117.401, 39.101,
                117.402, 39.102), "{\"code\":\"Z1\",\"name\":\"芯\",\"zone_type\":\"core\"}")), 403, "street");
        refused(editor.post("/api/layers/zones/import", "application/geo+json", "{\"type\":\"FeatureCollection\","
                + "\"features\":[" + feature(box(117.401, 39.101, 117.402, 39.102),
                "{\"code\":\"Z1\",\"name\":\"芯\",\"zone_type\":\"core\"}") + "]}"), 403, "street");
        // its own street's parks it still edits
        assertThat(editor.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.402, 39.102), parkProperties("甲"))).status()).isEqualTo(201);
    }

    @Test
    void aScopedEditorKeepsItsScenariosPrivate() {
        HttpApi editor = streetEditor();
        refused(editor.post("/api/scenarios", "application/json", "{\"name\":\"共享\",\"year\":2030,"
                + "\"shared\":true}"), 403, "street");
        HttpApi.Response own = editor.post("/api/scenarios", "application/json", "{\"name\":\"我的\",\"year\":2030}");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        long id = own.json().get("id").longValue();
        refused(editor.send("PUT", "/api/scenarios/" + id, "application/json", "{\"shared\":true}", "\""
                + own.json().get("version").asInt() + "\""), 403, "street");
        // a shared scenario of an unscoped editor it reads, but does not change
        HttpApi district = anonymous.as(account("district", "\"roles\":[\"EDITOR\"]"), PASSWORD);
        HttpApi.Response shared = district.post("/api/scenarios", "application/json", "{\"name\":\"全区\","
                + "\"year\":2030,\"shared\":true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        assertThat(editor.get("/api/scenarios/" + shared.json().get("id").longValue()).status()).isEqualTo(200);
    }

    // --- item 8: what answered 500 answers a 4xx problem ---------------------------------------------------------

    @Test
    void aCarbonParameterNameOverFiftyCharactersIsRefused() {
        String name = "很长的名字".repeat(11);
        refused(admin.send("PUT", "/api/carbon/parameters/poplar", "application/json", "{\"nameZh\":\"" + name
                + "\",\"woodDensity\":0.4,\"bef\":1.4,\"rootShoot\":0.2,\"carbonFraction\":0.5,\"source\":\"x\"}",
                null), 422, "nameZh");
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsRefused() {
        // 25 characters, 75 bytes in UTF-8: BCrypt reads only 72
        String password = "密".repeat(25);
        assertThat(password.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
        refused(admin.post("/api/accounts", "application/json", "{\"username\":\"long_pw\",\"password\":\""
                + password + "\",\"roles\":[\"VIEWER\"]}"), 422, "72 bytes");
        String name = account("pw", "\"roles\":[\"VIEWER\"]");
        refused(admin.send("PUT", "/api/accounts/" + name, "application/json", "{\"password\":\"" + "x".repeat(73)
                + "\"}", null), 422, "72 bytes");
        assertThat(anonymous.session().signIn(name, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void nullRolesAreRefused() {
        String name = account("vw", "\"roles\":[\"VIEWER\"]");
        refused(admin.send("PUT", "/api/accounts/" + name, "application/json", "{\"roles\":[null]}", null), 422,
                "role");
        refused(admin.post("/api/accounts", "application/json", "{\"username\":\"nullrole\",\"password\":\""
                + PASSWORD + "\",\"roles\":[null]}"), 422, "role");
    }

    @Test
    void aMergeOfNullFeaturesIsRefused() {
        HttpApi.Response r = admin.post("/api/layers/parks/merge", "application/json", "{\"features\":[null,null]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aSplitAlongAnAstronomicalLineIsRefused() {
        HttpApi.Response created = admin.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.403, 39.103), parkProperties("甲")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        refused(admin.send("POST", "/api/layers/parks/features/" + created.json().get("id").longValue() + "/split",
                "application/json", "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[1e308,1e308],"
                        + "[-1e308,-1e308]]}}", "\"1\""), 400, "line");
        assertThat(admin.get("/api/layers/parks/features").json().get("features").size()).isEqualTo(1);
    }

    @Test
    void aNulCharacterInATextIsNeverA500() {
        // found by the JSON-body fuzzer on PostGIS, which stores no NUL in text (H2 does)
        HttpApi.Response r = admin.send("PUT", "/api/pv/parameters/module_kwp_per_m2", "application/json",
                "{\"value\":0.2,\"source\":\"a\\u0000b\"}", null);
        assertThat(r.status()).as(r.body()).isIn(200, 422);
        if (r.status() == 422) {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("code").asString()).isEqualTo("invalid-text");
        }
    }

    @Test
    void aCsvOfADeeplyNestedGeometryCollectionIsRefused() {
        int depth = 50_000;
        StringBuilder wkt = new StringBuilder(depth * 20);
        wkt.append("\"");
        for (int i = 0; i < depth; i++) {
            wkt.append("GEOMETRYCOLLECTION(");
        }
        wkt.append("POINT(117.41 39.11)");
        wkt.append(")".repeat(depth)).append("\"");
        String csv = "name,status,wkt\r\n深,built," + wkt + "\r\n";
        HttpApi.Response r = admin.post("/api/layers/parks/import", "text/csv", csv);
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("nest");
    }
}
