package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.dongli.carbonmap.geom.io.HostileFiles;
import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.importer.ImportPool;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No upload can exhaust the server (issue 17, item 2), probed over real HTTP. The budgets are lowered for the test
 * (see the subclasses): reading may take 2 s, 2,000 features, 20,000 vertices a geometry and 60,000 in all; one import
 * runs at a time and two wait; the web server has only 4 workers, so that uploads which held a worker each would
 * take them all. Every refusal must be RFC 9457 problem JSON naming the limit, write nothing, and leave no import
 * running.
 */
abstract class UploadBudgetContract {

    /** {@code carbonmap.import-limits.read-timeout} in the subclasses, ms. */
    static final long READ_TIMEOUT_MS = 2_000;
    /** A bound no healthy answer comes near. */
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IMPORT = "/api/layers/forest_plots/import?mode=replace";

    @LocalServerPort
    int port;

    @Autowired
    ImportPool pool;

    @TempDir
    Path dir;

    HttpApi anonymous;
    HttpApi admin;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROMPT).build();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        log.start();
        ((Logger) LoggerFactory.getLogger(FeatureImporter.class)).addAppender(log);
    }

    @AfterEach
    void noImportIsLeftRunning() {
        waitUntil(() -> pool.active() == 0 && pool.waiting() == 0, GENEROUS);
        ((Logger) LoggerFactory.getLogger(FeatureImporter.class)).detachAppender(log);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private record Answer(int status, JsonNode json, String body) {
    }

    private HttpRequest importRequest(HttpRequest.BodyPublisher body, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + IMPORT))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType).timeout(GENEROUS).POST(body).build();
    }

    private CompletableFuture<Answer> upload(Path file, String contentType) throws IOException {
        return client.sendAsync(importRequest(HttpRequest.BodyPublishers.ofFile(file), contentType),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(r.statusCode(),
                        r.body().startsWith("{") ? JSON.readTree(r.body()) : null, r.body()));
    }

    private Answer uploadAndWait(Path file, String contentType) throws Exception {
        return upload(file, contentType).get();
    }

    private long plots() {
        for (JsonNode l : anonymous.get("/api/layers").json()) {
            if (l.get("name").asString().equals("forest_plots")) {
                return l.get("featureCount").longValue();
            }
        }
        throw new AssertionError("no forest_plots layer");
    }

    private void assertProblem(Answer a, int status, String code, String limit) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("type").asString()).isEqualTo("urn:carbonmap:problem:" + code);
        assertThat(a.json().path("limit").asString("")).as(a.body()).isEqualTo(limit);
        assertThat(a.json().get("detail").asString()).contains(limit, "nothing was written");
    }

    private static void waitUntil(BooleanSupplier condition, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Path endlessContents() throws Exception {
        return HostileFiles.geoPackage(dir.resolve("endless-contents.gpkg"),
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB)", true);
    }

    /** A GET that must answer 200 within {@link #PROMPT}. */
    private void answersPromptly(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(PROMPT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
    }

    // --- the probes -------------------------------------------------------------------------------------------------

    @Test
    void aGeoPackageWhoseFeaturesTableIsAViewOverAnEndlessRecursiveQueryIsRefusedUnrun() throws Exception {
        long before = plots();
        Path gpkg = HostileFiles.geoPackage(dir.resolve("endless.gpkg"), HostileFiles.endlessView(), false);
        assertThat(Files.size(gpkg)).isLessThan(50_000);
        Answer a = uploadAndWait(gpkg, "application/geopackage+sqlite3");
        assertProblem(a, 422, "unsupported-geopackage", "tables-only");
        assertThat(a.json().get("detail").asString()).contains("'parcels'", "a view");
        assertThat(plots()).isEqualTo(before);
    }

    @Test
    void aViewOfThirtyMillionRowsIsRefused() throws Exception {
        Path gpkg = HostileFiles.geoPackage(dir.resolve("rows.gpkg"), HostileFiles.viewOfRows(30_000_000), false);
        assertProblem(uploadAndWait(gpkg, "application/geopackage+sqlite3"), 422, "unsupported-geopackage",
                "tables-only");
    }

    @Test
    void aGeoPackageTableOfMoreFeaturesThanAllowedIsRefusedNamingTheLimit() throws Exception {
        Path gpkg = HostileFiles.tableOf(dir.resolve("table.gpkg"), 2_500);
        Answer a = uploadAndWait(gpkg, "application/geopackage+sqlite3");
        assertProblem(a, 413, "payload-too-large", "max-features");
        assertThat(a.json().get("limitValue").longValue()).isEqualTo(2_000);
        assertThat(a.json().get("feature").intValue()).isEqualTo(2_000);
    }

    @Test
    void endlessGeoPackageMetadataIsStoppedAtTheReadTimeWhileHealthAndReadsAnswer() throws Exception {
        long before = plots();
        CompletableFuture<Answer> hostile = upload(endlessContents(), "application/geopackage+sqlite3");
        waitUntil(() -> pool.active() == 1, GENEROUS);
        answersPromptly("/actuator/health/liveness");
        answersPromptly("/actuator/health");
        answersPromptly("/api/layers");
        Answer a = hostile.get();
        assertProblem(a, 422, "read-time-exceeded", "read-time");
        assertThat(a.json().get("limitValue").longValue()).isEqualTo(READ_TIMEOUT_MS);
        waitUntil(() -> pool.active() == 0, PROMPT);
        assertThat(plots()).isEqualTo(before);
    }

    @Test
    void moreHostileUploadsThanWorkersNeitherTakeTheWorkersNorOutliveTheirBudget() throws Exception {
        Path gpkg = endlessContents();
        List<CompletableFuture<Answer>> hostile = new ArrayList<>();
        // as many as the web server has workers: each would hold one for ever if imports ran on them
        for (int i = 0; i < 4; i++) {
            hostile.add(upload(gpkg, "application/geopackage+sqlite3"));
        }
        waitUntil(() -> pool.active() == 1, GENEROUS);
        answersPromptly("/actuator/health/liveness");
        answersPromptly("/api/layers");
        answersPromptly("/api/layers/forest_plots/features?limit=1");
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Answer> f : hostile) {
            Answer a = f.get();
            statuses.add(a.status());
            if (a.status() == 503) {
                assertThat(a.json().get("code").asString()).isEqualTo("imports-busy");
            } else {
                assertProblem(a, 422, "read-time-exceeded", "read-time");
            }
        }
        // one runs, two wait: the fourth finds the pool full
        assertThat(statuses).contains(422, 503).containsOnly(422, 503);
        waitUntil(() -> pool.active() == 0 && pool.waiting() == 0, PROMPT);
        answersPromptly("/actuator/health/liveness");
    }

    @Test
    void aGeoJsonRingOfTooManyVerticesIsRefusedNamingTheLimitAndTheFeature() throws Exception {
        Path file = HostileFiles.write(HostileFiles.hugeRing(200_000), dir.resolve("ring.geojson"));
        Answer a = uploadAndWait(file, "application/geo+json");
        assertProblem(a, 413, "payload-too-large", "max-vertices-per-geometry");
        assertThat(a.json().get("limitValue").longValue()).isEqualTo(20_000);
        assertThat(a.json().get("feature").intValue()).isZero();
    }

    @Test
    void theVerticesOfAllFeaturesTogetherAreLimited() throws Exception {
        // five features of 15,000 vertices each, each within the 20,000 of one geometry: the fifth passes 60,000
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int f = 0; f < 5; f++) {
            json.append(f == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":")
                    .append("\"Polygon\",\"coordinates\":[[");
            int n = 15_000;
            for (int i = 0; i < n - 1; i++) {
                double t = 2 * Math.PI * i / n;
                json.append(i == 0 ? "" : ",").append('[').append(117.40 + f * 0.03 + 0.01 * Math.cos(t)).append(',')
                        .append(39.10 + 0.01 * Math.sin(t)).append(']');
            }
            json.append(",[").append(117.40 + f * 0.03 + 0.01).append(',').append(39.10 + 0.01 * Math.sin(0.0))
                    .append("]]]}}");
        }
        json.append("]}");
        Path file = Files.writeString(dir.resolve("many.geojson"), json);
        Answer a = uploadAndWait(file, "application/geo+json");
        assertProblem(a, 413, "payload-too-large", "max-vertices");
        assertThat(a.json().get("feature").intValue()).isEqualTo(4);
    }

    @Test
    void tooManyGeoJsonFeaturesAreRefusedWhereTheLimitIsReached() throws Exception {
        Path file = HostileFiles.write(HostileFiles.features(2_500), dir.resolve("features.geojson"));
        Answer a = uploadAndWait(file, "application/geo+json");
        assertProblem(a, 413, "payload-too-large", "max-features");
        assertThat(a.json().get("feature").intValue()).isEqualTo(2_000);
    }

    /**
     * Tomcat gives no notice of a client that closes its connection while its asynchronous request has nothing to
     * read or write (it was tried: the import below is not cancelled when the socket closes), so what holds is the
     * budget: the import of a client that left ends within its read time, and takes no worker meanwhile.
     */
    @Test
    void theImportOfAClientThatLeftEndsWithinItsBudget() throws Exception {
        byte[] gpkg = Files.readAllBytes(endlessContents());
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + IMPORT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)) + "\r\nContent-Type: application/geopackage+sqlite3\r\n"
                    + "Content-Length: " + gpkg.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(gpkg);
            out.flush();
            waitUntil(() -> pool.active() == 1, GENEROUS);
        }
        answersPromptly("/actuator/health/liveness");
        waitUntil(() -> pool.active() == 0, GENEROUS);
        waitUntil(() -> log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("refused")), PROMPT);
        assertThat(log.list).map(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.contains("refused"))
                .singleElement().asString().containsAnyOf("read-time-exceeded", "import-cancelled");
    }

    @Test
    void aSmallImportStillWorks() throws Exception {
        String ring = "[[117.40,39.10],[117.41,39.10],[117.41,39.11],[117.40,39.11],[117.40,39.10]]";
        Path file = Files.writeString(dir.resolve("ok.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]},"
                + "\"properties\":{\"plot_code\":\"OK\",\"species\":\"ash\",\"canopy_closure\":0.5,\"stock_m3\":10}}]}");
        Answer a = uploadAndWait(file, "application/geo+json");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("imported").intValue()).isEqualTo(1);
        assertThat(plots()).isEqualTo(1);
    }
}
