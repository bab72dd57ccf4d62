package cn.dongli.carbonmap.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The behaviour of the layer API, the same on both storage profiles: what is stored comes back, bad input is answered
 * with a 4xx problem that names the feature and the reason, and leaves the layer exactly as it was.
 */
abstract class LayerApiContract {

    static final String PLOT = """
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[117.40,39.10],[117.41,39.10],[117.41,39.11],[117.40,39.11],[117.40,39.10]]]},
             "properties":{"plot_code":"DL-0001","species":"杨树","canopy_closure":0.6,"planted_year":2015,"stock_m3":120.5,"survey_date":"2024-05-01","林场":"东丽湖林场"}}""";

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    HttpApi anonymous;
    HttpApi admin;

    @BeforeEach
    void clients() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        Layer plots = catalog.get("forest_plots");
        store.importFeatures(plots, List.of(), true, "test");
    }

    /** The ids and versions of a layer plus the change-log position: equal before and after means untouched. */
    String snapshot(String layer) {
        Layer l = catalog.get(layer);
        StringBuilder sb = new StringBuilder();
        store.forEach(l, f -> sb.append(f.id()).append('@').append(f.version()).append(' '));
        return sb + "| log " + store.lastChange();
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String plot(String code, String ring, double canopy) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]},"
                + "\"properties\":{\"plot_code\":\"" + code + "\",\"species\":\"ash\",\"canopy_closure\":" + canopy
                + ",\"stock_m3\":10}}";
    }

    static String square(double lon, double lat, double size) {
        return "[[" + lon + "," + lat + "],[" + (lon + size) + "," + lat + "],[" + (lon + size) + "," + (lat + size)
                + "],[" + lon + "," + (lat + size) + "],[" + lon + "," + lat + "]]";
    }

    static final String BOW_TIE = "[[117.40,39.10],[117.41,39.11],[117.41,39.10],[117.40,39.11],[117.40,39.10]]";

    @Test
    void aCreatedPlotComesBackWithItsIdVersionAndExtraProperties() {
        HttpApi.Response created = admin.post("/api/layers/forest_plots/features", "application/geo+json", PLOT);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        long id = created.json().get("id").longValue();
        assertThat(created.header("Location")).endsWith("/api/layers/forest_plots/features/" + id);

        JsonNode f = anonymous.get("/api/layers/forest_plots/features/" + id).json();
        assertThat(f.get("properties").get("species").asString()).isEqualTo("poplar");
        assertThat(f.get("properties").get("survey_date").asString()).isEqualTo("2024-05-01");
        assertThat(f.get("properties").get("林场").asString()).isEqualTo("东丽湖林场");
        // who created it: for signed-in staff only (issue 17)
        assertThat(f.get("meta").get("createdBy").isNull()).isTrue();
        assertThat(admin.get("/api/layers/forest_plots/features/" + id).json().get("meta").get("createdBy").asString())
                .isEqualTo("admin");
        assertThat(f.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    }

    @Test
    void theLayerListGivesCountsExtentsAndSchemas() {
        admin.post("/api/layers/forest_plots/features", "application/geo+json", PLOT);
        JsonNode layers = anonymous.get("/api/layers").json();
        assertThat(layers.size()).isEqualTo(7);
        JsonNode plots = layers.valueStream().filter(l -> l.get("name").asString().equals("forest_plots"))
                .findFirst().orElseThrow();
        assertThat(plots.get("featureCount").longValue()).isEqualTo(1);
        assertThat(plots.get("extent").get(0).doubleValue()).isEqualTo(117.40);
        assertThat(plots.get("extent").get(3).doubleValue()).isEqualTo(39.11);
        assertThat(plots.get("attributes").valueStream().map(a -> a.get("name").asString()))
                .contains("canopy_closure", "stock_m3");
        // kept while the layer does not change, and current as soon as it does
        assertThat(admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("Z", square(117.42, 39.10, 0.01), 0.5)).status()).isEqualTo(201);
        JsonNode after = anonymous.get("/api/layers").json().valueStream()
                .filter(l -> l.get("name").asString().equals("forest_plots")).findFirst().orElseThrow();
        assertThat(after.get("featureCount").longValue()).isEqualTo(2);
        assertThat(after.get("extent").get(2).doubleValue()).isCloseTo(117.43, within(1e-9));
    }

    @Test
    void theBboxFindsExactlyTheFeaturesItTouches() {
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("A", square(117.30, 39.00, 0.01), 0.5),
                plot("B", square(117.40, 39.10, 0.01), 0.5),
                plot("C", square(117.50, 39.20, 0.01), 0.5)));
        assertThat(r.status()).isEqualTo(200);
        JsonNode fc = anonymous.get("/api/layers/forest_plots/features?bbox=117.395,39.095,117.405,39.105").json();
        assertThat(fc.get("features").valueStream().map(f -> f.get("properties").get("plot_code").asString()))
                .containsExactly("B");
        JsonNode all = anonymous.get("/api/layers/forest_plots/features?limit=2&offset=1").json();
        assertThat(all.get("features").valueStream().map(f -> f.get("properties").get("plot_code").asString()))
                .containsExactly("B", "C");
    }

    @Test
    void anImportWritesEverythingOrNothing() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("A", square(117.30, 39.00, 0.01), 0.5),
                plot("B", BOW_TIE, 0.5),
                plot("C", square(117.50, 39.20, 0.01), 1.7)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors.valueStream().map(e -> e.get("index").intValue() + ":" + e.get("code").asString()))
                .containsExactly("1:self_intersection", "2:invalid_attribute");
        assertThat(errors.get(0).get("location").get("coordinates").get(0).doubleValue()).isCloseTo(117.405, within(1e-9));
        assertThat(r.json().get("detail").asString()).contains("feature 1 of 3").contains("nothing was written");
        assertThat(snapshot("forest_plots")).isEqualTo(before);

        HttpApi.Response skipping = admin.post("/api/layers/forest_plots/import?skipInvalid=true",
                "application/geo+json", collection(plot("A", square(117.30, 39.00, 0.01), 0.5),
                        plot("B", BOW_TIE, 0.5)));
        assertThat(skipping.status()).isEqualTo(200);
        assertThat(skipping.json().get("imported").intValue()).isEqualTo(1);
        assertThat(skipping.json().get("skipped").intValue()).isEqualTo(1);
    }

    @Test
    void replaceSwapsTheWholeLayerInOneGo() {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("A", square(117.30, 39.00, 0.01), 0.5), plot("B", square(117.40, 39.10, 0.01), 0.5)));
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import?mode=replace", "application/geo+json",
                collection(plot("C", square(117.50, 39.20, 0.01), 0.5)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(store.count(catalog.get("forest_plots"))).isEqualTo(1);
    }

    @Test
    void projectedAndOffsetSourcesLandWhereTheyBelong() {
        // the same square given in CGCS2000 / 3-degree GK CM 117E and in GCJ-02
        double[] gk = {117.40, 39.10, 117.41, 39.11};
        cn.dongli.carbonmap.geom.Crs.fromStorage(4548).transform(gk, 2);
        String ring = "[[" + gk[0] + "," + gk[1] + "],[" + gk[2] + "," + gk[1] + "],[" + gk[2] + "," + gk[3] + "],["
                + gk[0] + "," + gk[3] + "],[" + gk[0] + "," + gk[1] + "]]";
        String crs = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::4548\"}},\"features\":[" + plot("GK", ring, 0.5) + "]}";
        assertThat(admin.post("/api/layers/forest_plots/import", "application/geo+json", crs).status()).isEqualTo(200);

        double[] g = cn.dongli.carbonmap.geom.Gcj02.fromWgs84(117.50, 39.20);
        double[] g2 = cn.dongli.carbonmap.geom.Gcj02.fromWgs84(117.51, 39.21);
        String mars = "[[" + g[0] + "," + g[1] + "],[" + g2[0] + "," + g[1] + "],[" + g2[0] + "," + g2[1] + "],["
                + g[0] + "," + g2[1] + "],[" + g[0] + "," + g[1] + "]]";
        assertThat(admin.post("/api/layers/forest_plots/import?srcCrs=GCJ02", "application/geo+json",
                collection(plot("MARS", mars, 0.5))).status()).isEqualTo(200);

        JsonNode near = anonymous.get("/api/layers/forest_plots/features?bbox=117.4049,39.1049,117.4051,39.1051").json();
        assertThat(near.get("features").valueStream().map(f -> f.get("properties").get("plot_code").asString()))
                .containsExactly("GK");
        JsonNode env = anonymous.get("/api/layers/forest_plots/features?bbox=117.5049,39.2049,117.5051,39.2051").json();
        assertThat(env.get("features").valueStream().map(f -> f.get("properties").get("plot_code").asString()))
                .containsExactly("MARS");
    }

    @Test
    void ringsOfEitherWindingAreStoredCounterClockwiseWithClockwiseHoles() {
        String clockwise = "[[117.40,39.10],[117.40,39.11],[117.41,39.11],[117.41,39.10],[117.40,39.10]],"
                + "[[117.402,39.102],[117.408,39.102],[117.408,39.108],[117.402,39.108],[117.402,39.102]]";
        HttpApi.Response r = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("CW", clockwise, 0.5));
        assertThat(r.status()).isEqualTo(201);
        JsonNode rings = r.json().get("geometry").get("coordinates").get(0);
        assertThat(signedArea(rings.get(0))).isPositive();
        assertThat(signedArea(rings.get(1))).isNegative();
    }

    private static double signedArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            sum += ring.get(i).get(0).doubleValue() * ring.get(i + 1).get(1).doubleValue()
                    - ring.get(i + 1).get(0).doubleValue() * ring.get(i).get(1).doubleValue();
        }
        return sum / 2;
    }

    @Test
    void editsNeedTheCurrentVersionAndNeverOverwriteANewerOne() {
        long id = admin.post("/api/layers/forest_plots/features", "application/geo+json", PLOT).json().get("id")
                .longValue();
        String path = "/api/layers/forest_plots/features/" + id;
        String edited = PLOT.replace("0.6", "0.7");
        assertThat(admin.put(path, null, edited).status()).isEqualTo(428);
        HttpApi.Response ok = admin.put(path, "\"1\"", edited);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("\"2\"");
        HttpApi.Response stale = admin.put(path, "\"1\"", PLOT.replace("0.6", "0.3"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentVersion").intValue()).isEqualTo(2);
        assertThat(anonymous.get(path).json().get("properties").get("canopy_closure").doubleValue()).isEqualTo(0.7);
        assertThat(admin.delete(path, "\"1\"").status()).isEqualTo(409);
        assertThat(admin.delete(path, "\"2\"").status()).isEqualTo(204);
        assertThat(anonymous.get(path).status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIs400AndTouchesNothing() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("unreadable-file");
        assertThat(r.json().get("detail").asString()).contains("malformed JSON");
        assertThat(admin.post("/api/layers/forest_plots/features", "application/geo+json", "{nope").status())
                .isEqualTo(400);
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void aWrongGeometryTypeIs422AndTouchesNothing() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                PLOT.replace("\"Polygon\"", "\"LineString\""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("reason").asString()).contains("wrong geometry type LineString");
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void aSelfIntersectingRingIs422WithItsLocationAndTouchesNothing() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot("X", BOW_TIE, 0.5));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("self-intersection");
        assertThat(r.json().get("errors").get(0).get("location").get("coordinates").get(1).doubleValue())
                .isCloseTo(39.105, within(1e-9));
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void anOutOfRangeAttributeIs422AndNamesIt() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                PLOT.replace("0.6", "1.6"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).contains("canopy_closure: 1.6 is above the maximum 1");
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void anUnknownLayerIs404() {
        HttpApi.Response r = anonymous.get("/api/layers/roads/features");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asString()).isEqualTo("unknown-layer");
        assertThat(admin.post("/api/layers/roads/import", "application/geo+json", collection()).status())
                .isEqualTo(404);
        assertThat(anonymous.get("/api/layers/forest_plots/features/999999").status()).isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIs413AndTouchesNothing() {
        String before = snapshot("forest_plots");
        StringBuilder big = new StringBuilder();
        String one = plot("P", square(117.30, 39.00, 0.001), 0.5);
        while (big.length() < 300_000) {
            big.append(big.length() == 0 ? "" : ",").append(one);
        }
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/geo+json",
                collection(big.toString()));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("payload-too-large");
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void projectedMetresWithoutTheirCrsAreCaught() {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/geo+json",
                collection(plot("M", square(543000, 4330000, 100), 0.5)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("code").asString()).isEqualTo("outside_service_area");
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void writesNeedAnAccountReadsDoNot() {
        HttpApi.Response r = anonymous.post("/api/layers/forest_plots/features", "application/geo+json", PLOT);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asString()).isEqualTo("unauthenticated");
        assertThat(anonymous.as("admin", "wrong").post("/api/layers/forest_plots/features", "application/geo+json",
                PLOT).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/layers").status()).isEqualTo(200);
    }

    @Test
    void unknownFormatsAre415() {
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/vnd.google-earth.kml+xml",
                "<kml/>");
        assertThat(r.status()).isEqualTo(415);
        // a CSV is a format since exports write it, but it needs its WKT column
        HttpApi.Response csv = admin.post("/api/layers/forest_plots/import", "text/csv", "a,b\n1,2\n");
        assertThat(csv.status()).isEqualTo(400);
        assertThat(csv.json().get("detail").asString()).contains("no WKT column");
        assertThat(admin.post("/api/layers/forest_plots/import", "application/geo+json", "").status()).isEqualTo(400);
    }

    @Test
    void displayRequestsCanBeSimplifiedAndRounded() {
        StringBuilder ring = new StringBuilder("[");
        for (int i = 0; i <= 360; i++) {
            double a = Math.toRadians(i);
            ring.append(i == 0 ? "" : ",").append('[').append(117.40 + 0.01 * Math.cos(a)).append(',')
                    .append(39.10 + 0.01 * Math.sin(a)).append(']');
        }
        ring.append(']');
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(plot("ROUND", ring.toString(), 0.5)));
        JsonNode full = anonymous.get("/api/layers/forest_plots/features").json();
        JsonNode coarse = anonymous.get("/api/layers/forest_plots/features?simplify=50&precision=5").json();
        int fullPoints = full.get("features").get(0).get("geometry").get("coordinates").get(0).get(0).size();
        JsonNode coarseRing = coarse.get("features").get(0).get("geometry").get("coordinates").get(0).get(0);
        assertThat(fullPoints).isEqualTo(361);
        assertThat(coarseRing.size()).isBetween(8, 60);
        assertThat(coarseRing.get(1).get(0).asString()).matches("117\\.\\d{1,5}");
        assertThat(anonymous.get("/api/layers/forest_plots/features?simplify=-1").status()).isEqualTo(400);
    }

    @Test
    void aPageOfFeaturesIsRenderedOncePerRevisionOfItsLayerAndFollowsEveryWrite() throws Exception {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("A", square(117.40, 39.10, 0.01), 0.5), plot("B", square(117.43, 39.10, 0.01), 0.5)));
        String page = "/api/layers/forest_plots/features?bbox=117.39,39.09,117.45,39.12&limit=5000&precision=6";
        HttpApi.Response first = anonymous.getBytes(page);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.json().get("features").valueStream().map(f -> f.get("properties").get("plot_code")
                .asString())).containsExactly("A", "B");

        HttpApi.Response revalidated = anonymous.getBytes(page, java.util.Map.of("If-None-Match", etag));
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.bytes()).isEmpty();

        HttpApi.Response gzipped = anonymous.getBytes(page, java.util.Map.of("Accept-Encoding", "gzip"));
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzipped.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(first.bytes());
        }

        // a write to another layer leaves the page as it was
        assertThat(admin.post("/api/layers/parks/features", "application/geo+json", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[%s]},
                 "properties":{"name":"程林公园","status":"built","year":2020}}""".formatted(
                square(117.30, 39.05, 0.005))).status()).isEqualTo(201);
        assertThat(anonymous.getBytes(page, java.util.Map.of("If-None-Match", etag)).status()).isEqualTo(304);

        // a write to the layer by any writer (here straight into the store) is in the next answer
        Layer plots = catalog.get("forest_plots");
        Feature a = store.find(plots, null, 1, 0).get(0);
        java.util.Map<String, Object> attributes = new java.util.HashMap<>(a.attributes());
        attributes.put("plot_code", "A2");
        store.update(plots, a.id(), a.version(), new FeatureDraft(a.geometry(), attributes, a.extra()), "surveyor");
        HttpApi.Response changed = anonymous.getBytes(page, java.util.Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(anonymous.get(page).json().get("features").valueStream().map(f -> f.get("properties")
                .get("plot_code").asString())).containsExactly("A2", "B");
    }

    @Test
    void aFeatureMovedOrDeletedIsFoundWhereItIsNowAndNowhereElse() {
        admin.post("/api/layers/forest_plots/import", "application/geo+json", collection(
                plot("A", square(117.40, 39.10, 0.01), 0.5), plot("B", square(117.43, 39.10, 0.01), 0.5)));
        String west = "/api/layers/forest_plots/features?bbox=117.395,39.095,117.415,39.115";
        String east = "/api/layers/forest_plots/features?bbox=117.425,39.095,117.445,39.115";
        String north = "/api/layers/forest_plots/features?bbox=117.395,39.145,117.415,39.165";
        java.util.function.Function<String, List<String>> codes = path -> anonymous.get(path).json().get("features")
                .valueStream().map(f -> f.get("properties").get("plot_code").asString()).toList();
        assertThat(codes.apply(west)).containsExactly("A");
        assertThat(codes.apply(north)).isEmpty();

        Layer plots = catalog.get("forest_plots");
        Feature a = store.find(plots, null, 10, 0).stream()
                .filter(f -> f.attributes().get("plot_code").equals("A")).findFirst().orElseThrow();
        org.locationtech.jts.geom.MultiPolygon moved = (org.locationtech.jts.geom.MultiPolygon) a.geometry().copy();
        moved.apply(new org.locationtech.jts.geom.util.AffineTransformation().translate(0, 0.05));
        moved.geometryChanged();
        store.update(plots, a.id(), a.version(), new FeatureDraft(moved, a.attributes(), a.extra()), "surveyor");
        assertThat(codes.apply(west)).isEmpty();
        assertThat(codes.apply(north)).containsExactly("A");

        Feature b = store.find(plots, null, 10, 0).stream()
                .filter(f -> f.attributes().get("plot_code").equals("B")).findFirst().orElseThrow();
        store.delete(plots, b.id(), b.version(), "surveyor");
        assertThat(codes.apply(east)).isEmpty();
        assertThat(anonymous.get(east.replace("features?", "features?limit=5&")).json().get("numberReturned")
                .intValue()).isZero();

        admin.post("/api/layers/forest_plots/import?mode=replace", "application/geo+json", collection(
                plot("C", square(117.43, 39.10, 0.01), 0.5)));
        assertThat(codes.apply(north)).isEmpty();
        assertThat(codes.apply(east)).containsExactly("C");
    }

    static byte[] zip(String... namesAndContents) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aZipThatClimbsOutOfItsFolderIs400AndTouchesNothing() throws Exception {
        String before = snapshot("forest_plots");
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/zip",
                zip("plots.shp", "x", "../../etc/cron.d/evil", "* * * * * root rm -rf /"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("../../etc/cron.d/evil");
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void aZipBombIs413AndTouchesNothing() throws Exception {
        String before = snapshot("forest_plots");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("plots.dbf"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(200_000);
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/zip", bytes.toByteArray());
        assertThat(r.status()).isEqualTo(413);
        assertThat(snapshot("forest_plots")).isEqualTo(before);
    }

    @Test
    void aGbkShapefileInGaussKrugerZone39ImportsWithItsChineseText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path src = dir.resolve("plots.geojson");
        java.nio.file.Files.writeString(src, collection(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + square(117.40, 39.10, 0.01)
                        + "]},\"properties\":{\"小班号\":\"XB-东丽-1\",\"优势树种\":\"白蜡\",\"郁闭度\":0.55,\"蓄积量\":42.5,"
                        + "\"林场\":\"金钟林场\"}}"));
        java.nio.file.Path shp = dir.resolve("shp");
        cn.dongli.carbonmap.support.Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "-s_srs", "EPSG:4490",
                "-t_srs", "EPSG:4527", shp, src);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes);
             var files = java.nio.file.Files.list(shp)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                zip.write(java.nio.file.Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        HttpApi.Response r = admin.post("/api/layers/forest_plots/import", "application/zip", bytes.toByteArray());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("sourceCrs").asString()).isEqualTo("EPSG:4527");
        JsonNode f = anonymous.get("/api/layers/forest_plots/features?bbox=117.4049,39.1049,117.4051,39.1051").json()
                .get("features").get(0);
        assertThat(f.get("properties").get("plot_code").asString()).isEqualTo("XB-东丽-1");
        assertThat(f.get("properties").get("species").asString()).isEqualTo("ash");
        assertThat(f.get("properties").get("林场").asString()).isEqualTo("金钟林场");
        double lon = f.get("geometry").get("coordinates").get(0).get(0).get(0).get(0).doubleValue();
        assertThat(lon).isCloseTo(117.40, within(1e-7));
    }

    @Test
    void aGeoPackageInGaussKrugerCm117Imports(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path src = dir.resolve("parks.geojson");
        java.nio.file.Files.writeString(src, collection(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + square(117.45, 39.15, 0.005)
                        + "]},\"properties\":{\"名称\":\"程林公园\",\"状态\":\"在建\",\"年份\":2024}}"));
        java.nio.file.Path gpkg = dir.resolve("parks.gpkg");
        cn.dongli.carbonmap.support.Gdal.ogr2ogr("-f", "GPKG", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4548", gpkg, src);
        HttpApi.Response r = admin.post("/api/layers/parks/import?mode=replace", "application/geopackage+sqlite3",
                java.nio.file.Files.readAllBytes(gpkg));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("format").asString()).isEqualTo("GeoPackage");
        JsonNode f = anonymous.get("/api/layers/parks/features").json().get("features").get(0);
        assertThat(f.get("properties").get("name").asString()).isEqualTo("程林公园");
        assertThat(f.get("properties").get("status").asString()).isEqualTo("under_construction");
        assertThat(f.get("geometry").get("coordinates").get(0).get(0).get(0).get(1).doubleValue())
                .isCloseTo(39.15, within(1e-7));
    }

    @Test
    void badParametersAre400() {
        assertThat(anonymous.get("/api/layers/forest_plots/features?bbox=1,2,3").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/layers/forest_plots/features?bbox=118,40,117,39").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/layers/forest_plots/features?limit=0").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/layers/forest_plots/features?limit=abc").status()).isEqualTo(400);
        assertThat(admin.post("/api/layers/forest_plots/import?mode=merge", "application/geo+json", collection())
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/layers/forest_plots/import?srcCrs=EPSG:4610", "application/geo+json",
                collection(plot("A", square(117.30, 39.00, 0.01), 0.5))).status()).isEqualTo(400);
    }
}
