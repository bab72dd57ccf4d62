package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.dongli.carbonmap.geom.io.HostileFiles;
import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.HttpApi;

/**
 * SIGTERM stops CarbonMap while hostile imports run: its process is started as an operator starts it, with a read time
 * of an hour so that only the shutdown can end the imports, given more endless GeoPackages than import threads, and
 * terminated. The imports must be cancelled and answered (422, nothing written) and the process must exit within a
 * generous bound.
 */
class ShutdownDuringHostileImportsTest {

    @TempDir
    Path work;

    @Test
    void sigtermStopsTheServerWhileEndlessImportsRun() throws Exception {
        Path gpkg = HostileFiles.geoPackage(work.resolve("endless.gpkg"),
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB)", true);
        try (CarbonMapProcess p = CarbonMapProcess.Launch.embedded(work.resolve("data"))
                .with("carbonmap.import-limits.read-timeout", "1h").start(work.resolve("carbonmap.log"))) {
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                uploads.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port()
                                + "/api/layers/forest_plots/import"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                                + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/geopackage+sqlite3")
                        .POST(HttpRequest.BodyPublishers.ofFile(gpkg)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            p.awaitLog("reading a GEOPACKAGE upload", Duration.ofSeconds(30));
            assertThat(p.status("/actuator/health/liveness")).isEqualTo(200);
            p.terminate();
            // the imports are cancelled before the graceful shutdown waits for their requests: each is answered,
            // 422 if it ran or waited, 503 if it came once the pool had stopped taking imports
            int cancelled = 0;
            for (CompletableFuture<HttpResponse<String>> upload : uploads) {
                HttpResponse<String> r = upload.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 503) {
                    assertThat(r.body()).contains("imports-busy");
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                    assertThat(r.body()).contains("import-cancelled", "nothing was written");
                    cancelled++;
                }
            }
            assertThat(cancelled).isPositive();
            p.awaitExit(Duration.ofSeconds(60));
        }
    }
}
