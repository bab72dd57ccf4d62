package cn.dongli.carbonmap.metrics;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static cn.dongli.carbonmap.support.Quadrangle.area;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The indicators through the API on both storage profiles: each answer includes every write that returned before it.
 */
abstract class MetricsApiContract {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    HttpApi anonymous;
    HttpApi admin;

    @BeforeEach
    void district() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (var layer : catalog.all()) {
            store.importFeatures(layer, java.util.List.of(), true, "test");
        }
        String streets = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(box(117.40, 39.10, 117.42, 39.12), "{\"code\":\"120110000001\",\"name\":\"甲街道\"}") + ","
                + feature(box(117.42, 39.10, 117.44, 39.12), "{\"code\":\"120110000002\",\"name\":\"乙街道\"}") + "]}";
        assertThat(admin.post("/api/layers/streets/import", "application/geo+json", streets).status()).isEqualTo(200);
        String zone = "{\"type\":\"FeatureCollection\",\"features\":[" + feature(box(117.40, 39.10, 117.44, 39.11),
                "{\"code\":\"GL-1\",\"name\":\"一级管控区\",\"zone_type\":\"control_level\",\"level\":1}") + "]}";
        assertThat(admin.post("/api/layers/zones/import", "application/geo+json", zone).status()).isEqualTo(200);
    }

    JsonNode unit(String selection, String code) {
        HttpApi.Response r = anonymous.get("/api/metrics?unit=" + selection);
        assertThat(r.status()).isEqualTo(200);
        return r.json().valueStream().filter(u -> u.get("code").asString().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void everyUnitKindIsAnswered() {
        assertThat(anonymous.get("/api/metrics?unit=streets").json().valueStream().map(u -> u.get("code").asString()))
                .containsExactly("120110000001", "120110000002");
        assertThat(anonymous.get("/api/metrics?unit=zones").json().valueStream().map(u -> u.get("unit").asString()))
                .containsExactly("zone", "level", "barrier");
        JsonNode district = unit("district", "district");
        assertThat(district.get("areaM2").doubleValue()).isCloseTo(area(117.40, 39.10, 117.44, 39.12), within(1.0));
        assertThat(district.get("pvCountShare").isNull()).isTrue();
        assertThat(district.get("targets").valueStream().map(t -> t.get("indicator").asString()))
                .containsExactly("pvCountShare", "farmlandMu");
        assertThat(anonymous.get("/api/metrics?unit=planets").status()).isEqualTo(400);
    }

    @Test
    void aCreatedPlotShowsInTheNextAnswerAndItsEditAndDeleteToo() {
        assertThat(unit("zones", "L1").get("forestM2").doubleValue()).isZero();
        HttpApi.Response created = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                feature(box(117.41, 39.102, 117.43, 39.108), "{\"plot_code\":\"DL-1\",\"species\":\"ash\","
                        + "\"canopy_closure\":0.5,\"stock_m3\":200}"));
        assertThat(created.status()).isEqualTo(201);
        double plotArea = area(117.41, 39.102, 117.43, 39.108);
        JsonNode level1 = unit("zones", "L1");
        assertThat(level1.get("forestM2").doubleValue()).isCloseTo(plotArea, within(plotArea * 1e-6));
        assertThat(level1.get("forestStockM3").doubleValue()).isCloseTo(200, within(1e-6));
        assertThat(unit("streets", "120110000001").get("forestStockM3").doubleValue()).isCloseTo(100, within(1e-6));
        assertThat(level1.get("targets").get(1).get("indicator").asString()).isEqualTo("forestCover");
        assertThat(level1.get("targets").get(1).get("value").doubleValue())
                .isCloseTo(plotArea / area(117.40, 39.10, 117.44, 39.11), within(1e-6));

        String path = "/api/layers/forest_plots/features/" + created.json().get("id").longValue();
        HttpApi.Response sparse = admin.put(path, "\"1\"", feature(box(117.41, 39.102, 117.43, 39.108),
                "{\"plot_code\":\"DL-1\",\"species\":\"ash\",\"canopy_closure\":0.1,\"stock_m3\":200}"));
        assertThat(sparse.status()).isEqualTo(200);
        assertThat(unit("zones", "L1").get("forestM2").doubleValue()).isZero();
        assertThat(unit("zones", "L1").get("blueGreenM2").doubleValue()).isCloseTo(plotArea, within(plotArea * 1e-6));

        assertThat(admin.delete(path, "\"2\"").status()).isEqualTo(204);
        assertThat(unit("zones", "L1").get("blueGreenM2").doubleValue()).isZero();
        assertThat(unit("zones", "L1").get("forestStockM3").doubleValue()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aWriteThatCommitsAfterALaterNumberedWriteToAnotherLayerStillShows() throws Exception {
        assertThat(unit("zones", "L1").get("forestM2").doubleValue()).isZero();
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory(
                new org.locationtech.jts.geom.PrecisionModel(), 4490);
        org.locationtech.jts.geom.MultiPolygon plot = (org.locationtech.jts.geom.MultiPolygon)
                new org.locationtech.jts.io.WKTReader(gf).read(
                        "MULTIPOLYGON (((117.41 39.102, 117.43 39.102, 117.43 39.108, 117.41 39.108, 117.41 39.102)))");
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // a surveyor's write takes its change-log number and is slow to commit ...
        Thread slow = new Thread(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    store.insert(catalog.get("forest_plots"), new cn.dongli.carbonmap.layer.FeatureDraft(plot,
                            java.util.Map.of("plot_code", "DL-9", "species", "ash", "canopy_closure", 0.5,
                                    "stock_m3", 200.0), java.util.Map.of()), "surveyor");
                    written.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        slow.start();
        written.await();
        // ... while a park (another layer) takes the next number, commits, and is counted
        assertThat(admin.post("/api/layers/parks/features", "application/geo+json", feature(
                box(117.432, 39.112, 117.436, 39.116), "{\"name\":\"程林公园\",\"status\":\"built\","
                        + "\"year\":2020}")).status()).isEqualTo(201);
        double parkArea = area(117.432, 39.112, 117.436, 39.116);
        assertThat(unit("district", "district").get("blueGreenM2").doubleValue())
                .isCloseTo(parkArea, within(parkArea * 1e-6));
        assertThat(unit("zones", "L1").get("forestM2").doubleValue()).as("not committed yet").isZero();
        release.countDown();
        slow.join();
        double plotArea = area(117.41, 39.102, 117.43, 39.108);
        assertThat(unit("zones", "L1").get("forestM2").doubleValue()).as("the earlier-numbered write, once committed")
                .isCloseTo(plotArea, within(plotArea * 1e-6));
    }

    @Test
    void anImportShowsInTheNextAnswer() {
        String roofs = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(box(117.401, 39.115, 117.402, 39.1155), "{\"building_use\":\"factory\",\"built_year\":2023,"
                        + "\"roof_area_m2\":3000,\"pv_installed\":true,\"pv_area_m2\":1500,\"pv_capacity_kwp\":250}") + ","
                + feature(box(117.403, 39.115, 117.404, 39.1155), "{\"building_use\":\"public_institution\","
                        + "\"built_year\":2022,\"roof_area_m2\":1000,\"pv_installed\":false}") + "]}";
        assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json", roofs).status())
                .isEqualTo(200);
        JsonNode a = unit("streets", "120110000001");
        assertThat(a.get("pvEligible").intValue()).isEqualTo(2);
        assertThat(a.get("pvInstalled").intValue()).isEqualTo(1);
        assertThat(a.get("pvAreaShare").doubleValue()).isCloseTo(0.375, within(1e-12));
    }

    @Test
    void aStreetRedrawnMovesItsFigures() {
        admin.post("/api/layers/parks/features", "application/geo+json", feature(box(117.425, 39.112, 117.435, 39.118),
                "{\"name\":\"程盛公园\",\"status\":\"built\",\"year\":2024}"));
        assertThat(unit("streets", "120110000002").get("blueGreenM2").doubleValue()).isPositive();
        JsonNode fc = anonymous.get("/api/layers/streets/features").json();
        JsonNode b = fc.get("features").valueStream()
                .filter(f -> f.get("properties").get("code").asString().equals("120110000002")).findFirst().orElseThrow();
        HttpApi.Response shrunk = admin.put("/api/layers/streets/features/" + b.get("id").longValue(), "\"1\"",
                feature(box(117.42, 39.10, 117.44, 39.11), "{\"code\":\"120110000002\",\"name\":\"乙街道\"}"));
        assertThat(shrunk.status()).isEqualTo(200);
        JsonNode after = unit("streets", "120110000002");
        assertThat(after.get("blueGreenM2").doubleValue()).isZero();
        assertThat(after.get("areaM2").doubleValue()).isCloseTo(area(117.42, 39.10, 117.44, 39.11), within(1.0));
    }

    @Test
    void recomputeGivesTheSameFiguresFromScratch() {
        admin.post("/api/layers/forest_plots/features", "application/geo+json", feature(
                box(117.41, 39.102, 117.43, 39.108), "{\"plot_code\":\"DL-1\",\"species\":\"ash\","
                        + "\"canopy_closure\":0.5,\"stock_m3\":200}"));
        String incremental = anonymous.get("/api/metrics").body();
        String fresh = admin.get("/api/metrics?recompute=true").body();
        assertThat(fresh).isEqualTo(incremental);
    }

    @Test
    void onlyAdminsMayRebuildTheIndicatorsFromScratch() {
        HttpApi.Response anonymousAsked = anonymous.get("/api/metrics?recompute=true");
        assertThat(anonymousAsked.status()).isEqualTo(401);
        assertThat(anonymousAsked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.get("/api/metrics?recompute=false").status()).isEqualTo(200);
        assertThat(admin.get("/api/metrics?recompute=true").status()).isEqualTo(200);
    }
}
