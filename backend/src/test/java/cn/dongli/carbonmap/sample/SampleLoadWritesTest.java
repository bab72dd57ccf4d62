package cn.dongli.carbonmap.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 17, item 10: a script imports a zone (one that overlaps the sample's own) again and again while the first
 * start of a real CarbonMap process loads the sample data. Before, one import got 200, the loader then failed on the
 * overlap and the application shut down. Now every write before the application is ready is answered 503 with
 * Retry-After, the process stays up, and the sample is loaded whole — without the script's zone.
 */
class SampleLoadWritesTest {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void writesDuringTheFirstStartsSampleLoadWaitAndTheServerStaysUp() throws Exception {
        String zone = overlappingZone();
        int sampleZones;
        try (InputStream in = new ClassPathResource("sample/zones.geojson").getInputStream()) {
            sampleZones = JsonMapper.builder().build().readTree(in).get("features").size();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (CarbonMapProcess app = CarbonMapProcess.Launch.embedded(Files.createDirectories(dir.resolve("data")))
                .with("carbonmap.load-sample", "true").spawn(dir.resolve("app.log"))) {
            List<String> answers = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            boolean ready = false;
            while (!ready && System.nanoTime() < deadline) {
                assertThat(ProcessHandle.of(app.pid()).map(ProcessHandle::isAlive).orElse(false))
                        .as("CarbonMap still running; answers so far " + answers + ":\n" + app.tail(40)).isTrue();
                HttpResponse<String> r;
                try {
                    r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                                    + "/api/layers/zones/import")).header("Authorization", ADMIN)
                            .header("Content-Type", "application/geo+json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(zone)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    Thread.sleep(50);
                    continue; // not listening yet
                }
                // readiness is asked after the write: a write answered before readiness said 200 was a write before
                ready = app.status("/actuator/health/readiness") == 200;
                if (!ready) {
                    answers.add(r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " "
                            + r.headers().firstValue("Content-Type").orElse("-"));
                }
                Thread.sleep(20);
            }
            assertThat(ready).as("ready in time:\n" + app.tail(40)).isTrue();
            assertThat(answers).as("writes answered while the sample loaded").isNotEmpty();
            assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo("503 5 application/problem+json;charset=UTF-8"));

            HttpApi api = app.api();
            assertThat(api.get("/api/layers/zones/features").json().get("features").size()).isEqualTo(sampleZones);
            assertThat(api.get("/api/seasons").json().size()).isEqualTo(3);
            JsonNode readiness = api.get("/actuator/health/readiness").json();
            assertThat(readiness.get("components").get("sampleData").get("status").asString()).isEqualTo("UP");
            assertThat(api.get("/api/config").json().get("sampleData").get("state").asString()).isEqualTo("loaded");
            // once ready, the same write is the importer's to judge: it overlaps the sample's zone
            HttpApi.Response late = api.asAdmin().post("/api/layers/zones/import", "application/geo+json", zone);
            assertThat(late.status()).as(late.body()).isEqualTo(422);
            assertThat(app.log()).doesNotContain("Application run failed");
        }
    }

    /** The sample's first zone under a code of its own: it overlaps the zone the loader brings. */
    private static String overlappingZone() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = new ClassPathResource("sample/zones.geojson").getInputStream()) {
            JsonNode first = json.readTree(in).get("features").get(0);
            ObjectNode f = (ObjectNode) first.deepCopy();
            ((ObjectNode) f.get("properties")).put("code", "SCRIPT-1");
            return "{\"type\":\"FeatureCollection\",\"features\":[" + json.writeValueAsString(f) + "]}";
        }
    }
}
