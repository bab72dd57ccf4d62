package cn.dongli.carbonmap.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input corpus ({@link HostileCorpus}) sent over HTTP to a running CarbonMap, and clients that send
 * slowly. Every hostile request must get the 4xx the manifest lists, as RFC 9457 problem JSON whose text names the part
 * and the reason, and must write nothing: the rows of every table (layers with their versions, history, change log,
 * seasons, accounts, the audit log) are compared before and after. The few positive and inert controls of the
 * manifest say what they may write.
 *
 * <p>The limits are lowered for the test (see the subclasses): JSON bodies 1 MB, uploads 32 MB, a body must arrive
 * within 2 s, an idle connection is dropped after 3 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputContract {

    /** {@code server.tomcat.connection-timeout} in the subclasses. */
    static final long CONNECTION_TIMEOUT_MS = 3_000;
    /** {@code carbonmap.requests.body-timeout} in the subclasses. */
    static final long BODY_TIMEOUT_MS = 2_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LAYERS = List.of("zones", "streets", "land_cover", "forest_plots", "parks",
            "farmland", "pv_rooftops");
    private static final List<String> TABLES = List.of("layer_change", "feature_history", "account", "plan_indicator",
            "plan_indicator_value", "survey_season", "season_feature", "season_survey", "carbon_parameter",
            "audit_event");
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private long plotId;

    // --- the district the hostile requests aim at -------------------------------------------------------------------

    @BeforeAll
    void district() {
        HttpApi admin = new HttpApi(port).asAdmin();
        String streets = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(117.40, 39.10, 0.02, "{\"code\":\"120110000001\",\"name\":\"甲街道\"}") + ","
                + feature(117.42, 39.10, 0.02, "{\"code\":\"120110000002\",\"name\":\"乙街道\"}") + "]}";
        HttpApi.Response r = admin.post("/api/layers/streets/import?mode=replace", "application/geo+json", streets);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        r = admin.post("/api/layers/zones/features", "application/geo+json", feature(117.41, 39.11, 0.005,
                "{\"code\":\"Z-1\",\"name\":\"东丽湖管控区\",\"zone_type\":\"control_level\",\"level\":1}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        r = admin.post("/api/layers/forest_plots/features", "application/geo+json", feature(117.43, 39.11, 0.002,
                "{\"plot_code\":\"DL-1\",\"species\":\"ash\",\"canopy_closure\":0.5,\"stock_m3\":12}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        plotId = r.json().get("id").longValue();
        r = admin.post("/api/seasons", "application/json",
                "{\"code\":\"2024\",\"name\":\"2024年度调查\",\"surveyDate\":\"2024-05-01\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static String feature(double lon, double lat, double size, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + "," + lat + "],["
                + (lon + size) + "," + lat + "],[" + (lon + size) + "," + (lat + size) + "],[" + lon + ","
                + (lat + size) + "],[" + lon + "," + lat + "]]]},\"properties\":" + properties + "}";
    }

    // --- the corpus -------------------------------------------------------------------------------------------------

    static Stream<HostileCorpus.Case> corpus() {
        return HostileCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyHostileRequestIsRefusedPlainlyAndWritesNothing(HostileCorpus.Case c) throws Exception {
        Map<String, String> before = snapshot();
        long started = System.nanoTime();
        RawHttp.Answer r = send(c);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String body = r.body();
        String what = c.id() + " → " + r.status() + " in " + ms + " ms: " + abbreviate(body);

        assertThat(r.status()).as(what).isEqualTo(c.status());
        if (c.code() != null) {
            assertThat(r.headers().getOrDefault("content-type", "")).as(what)
                    .startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(body);
            String code = problem.path("code").asString();
            if (!c.code().equals("@")) {
                assertThat(code).as(what).isEqualTo(c.code());
            }
            assertThat(problem.path("type").asString()).as(what).isEqualTo("urn:carbonmap:problem:" + code);
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(c.status());
            assertThat(problem.path("detail").asString()).as(what).isNotBlank();
        }
        for (String text : c.expect()) {
            assertThat(body).as(what).contains(text);
        }

        Map<String, String> after = snapshot();
        if (c.writes() == null) {
            assertThat(after).as("%s: the database after the request", what).isEqualTo(before);
        } else {
            checkWrites(c.writes(), before, after, what);
        }
        if (c.check() != null) {
            check(c, what);
        }
    }

    /**
     * Sends the case's request: with the JDK's client, or, when the server is expected to refuse the body before it has
     * read it (413), over a raw socket that reads the answer while the body is still being written.
     */
    private RawHttp.Answer send(HostileCorpus.Case c) throws IOException, InterruptedException {
        String path = c.path().replace("{plot}", Long.toString(plotId));
        if (c.status() == 413) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (c.asAdmin()) {
                headers.put("Authorization", ADMIN);
            }
            if (c.method().equals("PUT")) {
                headers.put("If-Match", getAsAdmin(path).headers().firstValue("ETag").orElseThrow());
            }
            headers.put("Content-Type", c.contentType());
            return RawHttp.exchange(port, c.method(), HostileCorpus.encode(path), headers, c.bodyBytes(), c.chunked());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + HostileCorpus.encode(path))).timeout(Duration.ofSeconds(120));
        if (c.asAdmin()) {
            b.header("Authorization", ADMIN);
        }
        if (c.method().equals("PUT")) {
            b.header("If-Match", getAsAdmin(path).headers().firstValue("ETag").orElseThrow());
        }
        if (c.body() == null) {
            b.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes = c.bodyBytes();
            b.header("Content-Type", c.contentType());
            b.method(c.method(), c.chunked()
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        return new RawHttp.Answer(r.statusCode(), headers, r.body());
    }

    private HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A positive control: only the named layer changed (with its history and change log), to the count given. */
    private static void checkWrites(String writes, Map<String, String> before, Map<String, String> after, String what) {
        boolean delta = writes.contains("+");
        String[] parts = writes.split("[=+]");
        String layer = parts[0];
        long n = Long.parseLong(parts[1]);
        long was = Long.parseLong(before.get(layer).split(" ")[0]);
        long now = Long.parseLong(after.get(layer).split(" ")[0]);
        assertThat(now).as("%s: features in %s", what, layer).isEqualTo(delta ? was + n : n);
        Map<String, String> rest = new LinkedHashMap<>(after);
        Map<String, String> restBefore = new LinkedHashMap<>(before);
        for (String changed : List.of(layer, "layer_change", "feature_history", "audit_event")) {
            rest.remove(changed);
            restBefore.remove(changed);
        }
        assertThat(rest).as("%s: every other table", what).isEqualTo(restBefore);
    }

    /** The further checks of the manifest. */
    private void check(HostileCorpus.Case c, String what) throws Exception {
        HttpResponse<String> parks = getAsAdmin("/api/layers/parks/features");
        JsonNode features = JSON.readTree(parks.body()).get("features");
        if (c.check().startsWith("name:")) {
            assertThat(features.get(0).get("properties").get("name").asString()).as(what)
                    .isEqualTo(c.check().substring(5));
            return;
        }
        assertThat(c.check()).isEqualTo("inert-html");
        // every string the corpus file holds in its properties comes back, character for character, as a JSON string
        List<String> sent = new ArrayList<>();
        JsonNode doc = JSON.readTree(c.bodyBytes());
        for (JsonNode f : doc.has("features") ? doc.get("features") : List.of(doc)) {
            f.get("properties").forEach(v -> {
                if (v.isString() && (v.asString().contains("<") || v.asString().contains("javascript:"))) {
                    sent.add(v.asString());
                }
            });
        }
        assertThat(sent).as("the case's markup").isNotEmpty();
        List<String> stored = new ArrayList<>();
        features.forEach(f -> f.get("properties").forEach(v -> {
            if (v.isString()) {
                stored.add(v.asString());
            }
        }));
        assertThat(stored).as(what).containsAll(sent);
        // served as data, never as a page: a JSON type the browser will not sniff into HTML
        assertThat(parks.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        assertThat(parks.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        HttpResponse<String> ogc = getAsAdmin("/ogc/collections/parks/items");
        assertThat(ogc.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        // and the one HTML page the server has never holds feature text: the browser inserts it as text nodes
        HttpResponse<String> page = getAsAdmin("/");
        for (String s : sent) {
            assertThat(page.body()).doesNotContain(s);
        }
    }

    /**
     * Each layer's count, versions and highest id, and the row count of every other table: equal before and after
     * means nothing was written.
     */
    Map<String, String> snapshot() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, String> m = new LinkedHashMap<>();
        for (String layer : LAYERS) {
            m.put(layer, jdbc.queryForObject("SELECT COUNT(*) || ' ' || COALESCE(SUM(version), 0) || ' '"
                    + " || COALESCE(MAX(id), 0) FROM " + layer, String.class));
        }
        for (String table : TABLES) {
            m.put(table, String.valueOf(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
        }
        return m;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    // --- slow clients -----------------------------------------------------------------------------------------------

    @Test
    void clientsThatStallInTheirHeadersAreDroppedWhileOthersAreServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.getOutputStream().write(("POST /api/layers/parks/features HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/geo").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            long stallStarted = System.nanoTime();
            // meanwhile, other clients are served at once
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = getAsAdmin("/api/layers");
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(ms).as("a GET while 20 clients stall").isLessThan(2_000);
                Thread.sleep(200);
            }
            for (Socket s : stalled) {
                s.setSoTimeout((int) (CONNECTION_TIMEOUT_MS + 10_000));
                String answer;
                try {
                    answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a client stalled in its headers was still connected after "
                            + (CONNECTION_TIMEOUT_MS + 10_000) + " ms");
                } catch (IOException e) {
                    answer = ""; // reset by the server: dropped
                }
                // dropped (or told off), never served
                assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(),
                        a -> assertThat(a).matches("(?s)HTTP/1\\.1 4\\d\\d .*"));
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stallStarted);
            assertThat(ms).as("time until the last stalled client was dropped")
                    .isBetween(CONNECTION_TIMEOUT_MS - 500, CONNECTION_TIMEOUT_MS + 5_000);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheBodyTimeoutIs408AndWritesNothing() throws Exception {
        Map<String, String> before = snapshot();
        byte[] body = feature(117.401, 39.101, 0.001, "{\"name\":\"慢公园\",\"status\":\"built\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/layers/parks/features HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ADMIN
                    + "\r\nContent-Type: application/geo+json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            long servedMs = -1;
            // a byte every 250 ms: never idle long enough for the connection timeout, but far too slow in all
            int sent = 0;
            while (sent < body.length - 1 && !answered(s)) {
                out.write(body[sent++]);
                out.flush();
                Thread.sleep(250);
                if (servedMs < 0 && sent == 4) {
                    long t0 = System.nanoTime();
                    assertThat(getAsAdmin("/api/layers").statusCode()).isEqualTo(200);
                    servedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
            }
            // the answer has begun to arrive (the server then waits for the rest of the body before it closes)
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String response = readResponse(s);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"code\":\"request-timeout\"");
            assertThat(ms).as("time until the 408").isBetween(BODY_TIMEOUT_MS, BODY_TIMEOUT_MS + 3_000);
            assertThat(sent).as("bytes sent of " + body.length).isLessThan(body.length - 1);
            assertThat(servedMs).as("a GET while the body trickles").isBetween(0L, 2_000L);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBodyThatStopsArrivingIs408AfterTheConnectionTimeoutAndWritesNothing() throws Exception {
        Map<String, String> before = snapshot();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/layers/parks/features HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ADMIN
                    + "\r\nContent-Type: application/geo+json\r\nContent-Length: 400\r\nConnection: close\r\n\r\n"
                    + "{\"type\":\"Feature\",").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int first = s.getInputStream().read();
            // the answer has begun to arrive (the server then waits for the rest of the body before it closes)
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String response = (char) first + readResponse(s);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).contains("\"code\":\"request-timeout\"");
            assertThat(ms).isBetween(Math.min(BODY_TIMEOUT_MS, CONNECTION_TIMEOUT_MS) - 500,
                    Math.max(BODY_TIMEOUT_MS, CONNECTION_TIMEOUT_MS) + 3_000);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    private static boolean answered(Socket s) throws IOException {
        return s.getInputStream().available() > 0;
    }

    private static String readResponse(Socket s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("no complete answer within 15 s; got: " + bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // reset after the answer: what arrived is what counts
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
