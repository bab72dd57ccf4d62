package cn.dongli.carbonmap.projects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * What the street offices' views read: the projects of a street, the plan's annex with values staff entered, and the
 * client settings.
 */
abstract class StreetOfficeApiContract {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    HttpApi anonymous;
    HttpApi admin;

    static String feature(double lon1, double lat1, double lon2, double lat2, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lon1 + "," + lat1
                + "],[" + lon2 + "," + lat1 + "],[" + lon2 + "," + lat2 + "],[" + lon1 + "," + lat2 + "],[" + lon1 + ","
                + lat1 + "]]]},\"properties\":" + properties + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @BeforeEach
    void jinqiao() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (var layer : catalog.all()) {
            store.importFeatures(layer, java.util.List.of(), true, "test");
        }
        admin.post("/api/layers/streets/import", "application/geo+json", collection(
                feature(117.40, 39.10, 117.42, 39.12, "{\"code\":\"120110009000\",\"name\":\"金桥街道\"}"),
                feature(117.42, 39.10, 117.44, 39.12, "{\"code\":\"120110006000\",\"name\":\"华明街道\"}")));
        admin.post("/api/layers/farmland/import", "application/geo+json", collection(
                feature(117.401, 39.101, 117.405, 39.105, "{\"project\":\"金桥街2023年新建高标准农田项目\","
                        + "\"status\":\"accepted\",\"year\":2023,\"street\":\"金桥街道\"}"),
                feature(117.406, 39.101, 117.409, 39.105, "{\"project\":\"金桥街2025年规划项目\",\"status\":\"planned\","
                        + "\"year\":2025,\"street\":\"金桥街道\"}"),
                feature(117.43, 39.101, 117.435, 39.105, "{\"project\":\"华明街赤土村高标准农田提升改造项目\","
                        + "\"status\":\"accepted\",\"year\":2023,\"street\":\"华明街道\"}")));
        admin.post("/api/layers/pv_rooftops/import", "application/geo+json", collection(
                feature(117.410, 39.110, 117.4105, 39.1105, "{\"building_use\":\"factory\",\"built_year\":2023,"
                        + "\"roof_area_m2\":2000,\"pv_installed\":false}"),
                feature(117.411, 39.110, 117.4115, 39.1105, "{\"building_use\":\"residential\",\"built_year\":2010,"
                        + "\"roof_area_m2\":500,\"pv_installed\":false}")));
    }

    @Test
    void aStreetListsItsOwnProjectsOnly() {
        JsonNode r = anonymous.get("/api/streets/120110009000/projects").json();
        assertThat(r.get("street").get("name").asString()).isEqualTo("金桥街道");
        assertThat(r.get("projects").valueStream().map(p -> p.get("title").asString()))
                .contains("金桥街2023年新建高标准农田项目", "金桥街2025年规划项目")
                .doesNotContain("华明街赤土村高标准农田提升改造项目");
        // the new factory roof without PV is a PV project to follow; the old house is not
        assertThat(r.get("projects").valueStream().filter(p -> p.get("layer").asString().equals("pv_rooftops"))
                .map(p -> p.get("status").asString())).containsExactly("pv_missing");
    }

    @Test
    void filtersByTypeStatusAndYear() {
        JsonNode r = anonymous.get("/api/streets/120110009000/projects?type=farmland&status=accepted&year=2023").json();
        assertThat(r.get("projects").valueStream().map(p -> p.get("title").asString()))
                .containsExactly("金桥街2023年新建高标准农田项目");
        assertThat(r.get("projects").get(0).get("areaM2").doubleValue()).isBetween(150_000.0, 200_000.0);
        assertThat(anonymous.get("/api/streets/999/projects").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/streets/120110009000/projects?type=roads").status()).isEqualTo(400);
    }

    @Test
    void theAnnexListsEveryIndicatorWithItsOfficeAndTheLatestValue() {
        JsonNode list = anonymous.get("/api/plan/indicators").json();
        assertThat(list.size()).isEqualTo(27);
        JsonNode nev = list.valueStream().filter(i -> i.get("id").asString().equals("transport-2")).findFirst()
                .orElseThrow();
        assertThat(nev.get("office").asString()).isEqualTo("区商务局");
        assertThat(nev.get("latest").isNull()).isTrue();
        String body = "{\"year\":2024,\"value\":\"21.3%\",\"note\":\"区商务局统计\"}";
        assertThat(anonymous.post("/api/plan/indicators/transport-2/values", "application/json", body).status())
                .isEqualTo(401);
        assertThat(admin.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2023,\"value\":\"18%\"}").status()).isEqualTo(201);
        HttpApi.Response r = admin.post("/api/plan/indicators/transport-2/values", "application/json", body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("latest").get("value").asString()).isEqualTo("21.3%");
        assertThat(r.json().get("latest").get("enteredBy").asString()).isEqualTo("admin");
        assertThat(admin.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":1800,\"value\":\"x\"}").status()).isEqualTo(422);
        assertThat(admin.post("/api/plan/indicators/nope/values", "application/json", body).status()).isEqualTo(404);
    }

    @Test
    void theClientLearnsItsSettings() {
        JsonNode c = anonymous.get("/api/config").json();
        assertThat(c.get("tianditu").get("key").isNull()).isTrue();
        assertThat(c.get("minZoom").get("pv_rooftops").intValue()).isEqualTo(15);
    }
}
