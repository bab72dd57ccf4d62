package cn.dongli.carbonmap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.PostgisServer;
import cn.dongli.carbonmap.support.PrivateDisk;

/**
 * A data directory that fills up (or, where it holds only uploads in transit, turns read-only) under a running
 * CarbonMap: writes are refused with a clear problem (507 storage-full, 503 storage-read-only), nothing is
 * half-written, reading goes on, and CarbonMap recovers by itself once the disk is writable again — no restart, no
 * repair. A start on a read-only directory stops at once with a short message.
 */
class StorageFaultsTest {

    @TempDir
    Path work;

    static String park(String name, double lon) {
        double lat = 39.10;
        double d = 0.001;
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + "," + lat + "],["
                + (lon + d) + "," + lat + "],[" + (lon + d) + "," + (lat + d) + "],[" + lon + "," + (lat + d) + "],["
                + lon + "," + lat + "]]]},\"properties\":{\"name\":\"" + name + "\",\"status\":\"built\",\"year\":2021}}";
    }

    private static HttpApi.Response createPark(HttpApi admin, String name, double lon) {
        return admin.post("/api/layers/parks/features", "application/geo+json", park(name, lon));
    }

    private static Map<Long, String> parks(HttpApi api) {
        Map<Long, String> all = new java.util.TreeMap<>();
        HttpApi.Response r = api.get("/api/layers/parks/features?limit=1000");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        r.json().get("features").forEach(f -> all.put(f.get("id").asLong(),
                f.get("meta").get("version").asInt() + " " + f.get("properties").get("name").asString()));
        return all;
    }

    /** Retries a write for a while: the first after the disk is back may still meet a pool connection to evict. */
    private static HttpApi.Response eventually(java.util.function.Supplier<HttpApi.Response> write, int status) {
        HttpApi.Response r = write.get();
        for (int i = 0; i < 20 && r.status() != status; i++) {
            sleep(500);
            r = write.get();
        }
        return r;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFullDiskRefusesWritesPlainlyKeepsEverythingAndRecoversWhenSpaceIsFreed() throws Exception {
        Path mount = Files.createDirectories(work.resolve("disk"));
        try (PrivateDisk disk = PrivateDisk.mount(mount, 96)) {
            CarbonMapProcess.Launch launch = CarbonMapProcess.Launch.embedded(mount.resolve("data"))
                    .through(disk.through());
            Map<Long, String> before;
            try (CarbonMapProcess app = launch.start(work.resolve("full-1.log"))) {
                HttpApi admin = app.api().asAdmin();
                for (int i = 0; i < 3; i++) {
                    assertThat(createPark(admin, "公园" + i, 117.30 + i * 0.01).status()).isEqualTo(201);
                }
                before = parks(admin);

                disk.fill(0);
                HttpApi.Response refused = createPark(admin, "满盘", 117.40);
                assertThat(refused.status()).as(refused.body()).isEqualTo(507);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.json().get("code").asString()).isEqualTo("storage-full");
                assertThat(refused.json().get("detail").asString()).contains("nothing was written");
                HttpApi.Response upload = admin.post("/api/layers/parks/import", "application/geo+json",
                        "{\"type\":\"FeatureCollection\",\"features\":[" + park("导入", 117.41) + "]}");
                assertThat(upload.status()).as(upload.body()).isEqualTo(507);
                HttpApi.Response again = createPark(admin, "满盘", 117.40);
                assertThat(again.status()).as("refused plainly every time, not an internal error: " + again.body())
                        .isEqualTo(507);

                disk.free();
                HttpApi.Response accepted = eventually(() -> createPark(admin, "有空间了", 117.42), 201);
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
                Map<Long, String> after = parks(admin);
                assertThat(after).hasSize(before.size() + 1).containsAllEntriesOf(before);
                assertThat(app.log()).doesNotContain("unexpected failure");
            }
            try (CarbonMapProcess restarted = launch.start(work.resolve("full-2.log"))) {
                Map<Long, String> reopened = parks(restarted.api());
                assertThat(reopened).hasSize(before.size() + 1).containsAllEntriesOf(before)
                        .containsValue("1 有空间了");
            }
        }
    }

    @Test
    void aStartOnAReadOnlyDataDirectoryStopsAtOnceWithAShortMessageAndChangesNothing() throws Exception {
        Path mount = Files.createDirectories(work.resolve("disk"));
        try (PrivateDisk disk = PrivateDisk.mount(mount, 96)) {
            CarbonMapProcess.Launch launch = CarbonMapProcess.Launch.embedded(mount.resolve("data"))
                    .through(disk.through());
            Map<Long, String> before;
            try (CarbonMapProcess app = launch.start(work.resolve("ro-1.log"))) {
                HttpApi admin = app.api().asAdmin();
                assertThat(createPark(admin, "甲", 117.30).status()).isEqualTo(201);
                before = parks(admin);
            }
            // (Linux refuses to make a file system read-only while a database holds files open for writing, so the
            // directory turns read-only between runs, as after a remount at boot)
            disk.readOnly(true);
            CarbonMapProcess refused = launch.spawn(work.resolve("ro-2.log"));
            assertThat(refused.awaitExit(Duration.ofSeconds(120))).isNotZero();
            assertThat(refused.log()).contains("APPLICATION FAILED TO START")
                    .contains("is not writable").contains("Read-only file system")
                    .contains("--carbonmap.data-dir");
            disk.readOnly(false);
            try (CarbonMapProcess restarted = launch.start(work.resolve("ro-3.log"))) {
                assertThat(parks(restarted.api())).isEqualTo(before);
            }
        }
    }

    @Test
    void onPostgisAFullOrReadOnlyDataDirectoryRefusesAnImportAndWritesNothing() throws Exception {
        Path mount = Files.createDirectories(work.resolve("disk"));
        String database = PostgisServer.createDatabase();
        try (PrivateDisk disk = PrivateDisk.mount(mount, 8);
             CarbonMapProcess app = CarbonMapProcess.Launch.postgis(database, mount.resolve("data"))
                     .through(disk.through()).start(work.resolve("pg-full.log"))) {
            HttpApi admin = app.api().asAdmin();
            assertThat(createPark(admin, "甲", 117.30).status()).isEqualTo(201);
            disk.fill(64 * 1024);
            // a file larger than the space left: spooling it fails half-way
            String big = ProcessKillContract.rooftops(2_000, 1, 39.10);
            HttpApi.Response refused = admin.post("/api/layers/pv_rooftops/import", "application/geo+json", big);
            assertThat(refused.status()).as(refused.body()).isEqualTo(507);
            assertThat(refused.json().get("code").asString()).isEqualTo("storage-full");
            assertThat(admin.get("/api/layers/pv_rooftops/features?limit=1").json().get("features").size()).isZero();
            assertThat(createPark(admin, "乙", 117.31).status()).as("edits do not need the data directory")
                    .isEqualTo(201);
            disk.free();
            disk.readOnly(true);
            HttpApi.Response readOnly = admin.post("/api/layers/pv_rooftops/import", "application/geo+json", big);
            assertThat(readOnly.status()).as(readOnly.body()).isEqualTo(503);
            assertThat(readOnly.json().get("code").asString()).isEqualTo("storage-read-only");
            assertThat(admin.get("/api/layers/pv_rooftops/features?limit=1").json().get("features").size()).isZero();
            disk.readOnly(false);
            assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json", big).status())
                    .isEqualTo(200);
            assertThat(app.log()).doesNotContain("unexpected failure");
        }
    }
}
