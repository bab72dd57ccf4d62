package cn.dongli.carbonmap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * CarbonMap killed with SIGKILL in the middle of a write — an import of thousands of rooftops, a stream of edits —
 * starts again on the same data, and the data is as it was before the interrupted write: nothing half-written, no
 * edit without its history.
 */
abstract class ProcessKillContract {

    @TempDir
    Path work;

    /** How to start CarbonMap on this profile's storage; the same launch starts it again on the same data. */
    abstract CarbonMapProcess.Launch launch(Path dataDir);

    private int starts;

    private CarbonMapProcess start() {
        return launch(work.resolve("data")).start(work.resolve("carbonmap-" + (++starts) + ".log"));
    }

    /** {@code n} rooftops on a grid, each 10 m × 10 m, their roof area numbered from {@code first}. */
    static String rooftops(int n, int first, double south) {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        int perRow = 200;
        for (int i = 0; i < n; i++) {
            double lon = 117.30 + (i % perRow) * 0.0002;
            double lat = south + (i / perRow) * 0.0002;
            double d = 0.0001;
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[").append(lon)
                    .append(',').append(lat).append("],[").append(lon + d).append(',').append(lat).append("],[")
                    .append(lon + d).append(',').append(lat + d).append("],[").append(lon).append(',')
                    .append(lat + d).append("],[").append(lon).append(',').append(lat).append("]]]},")
                    .append("\"properties\":{\"building_use\":\"factory\",\"built_year\":2023,\"roof_area_m2\":")
                    .append(first + i).append(",\"pv_installed\":false}}");
        }
        return b.append("]}").toString();
    }

    /** Every rooftop as id → "version|roof area|geometry". */
    static Map<Long, String> rooftopsById(HttpApi api) {
        Map<Long, String> all = new TreeMap<>();
        for (int offset = 0; ; offset += 5000) {
            HttpApi.Response r = api.get("/api/layers/pv_rooftops/features?limit=5000&offset=" + offset);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode features = r.json().get("features");
            for (JsonNode f : features) {
                all.put(f.get("id").asLong(), f.get("meta").get("version").asInt() + "|"
                        + f.get("properties").get("roof_area_m2").asString() + "|" + f.get("geometry"));
            }
            if (features.size() < 5000) {
                return all;
            }
        }
    }

    @Test
    void aKillDuringAnImportLeavesTheLayerAsBeforeAndTheNextStartServesIt() throws Exception {
        Map<Long, String> before;
        try (CarbonMapProcess first = start()) {
            HttpApi admin = first.api().asAdmin();
            assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json",
                    rooftops(500, 1, 39.10)).status()).isEqualTo(200);
            before = rooftopsById(admin);
            assertThat(before).hasSize(500);

            byte[] big = rooftops(30_000, 100_000, 39.12).getBytes(StandardCharsets.UTF_8);
            Thread upload = new Thread(() -> {
                try {
                    admin.post("/api/layers/pv_rooftops/import?mode=replace", "application/geo+json", big);
                } catch (AssertionError expected) {
                    // the connection dies with the process
                }
            });
            upload.start();
            first.awaitLog("writing 30000 features into pv_rooftops", Duration.ofSeconds(120));
            Thread.sleep(200);
            first.kill();
            upload.join();
            assertThat(first.log()).as("the kill came before the import was done")
                    .doesNotContain("imported 30000 features into pv_rooftops");
        }
        try (CarbonMapProcess second = start()) {
            HttpApi admin = second.api().asAdmin();
            assertThat(rooftopsById(admin)).as("the layer is as it was before the interrupted import")
                    .isEqualTo(before);
            assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json",
                    rooftops(200, 5_000, 39.11)).status()).as("and takes the next import").isEqualTo(200);
            assertThat(rooftopsById(admin)).hasSize(700);
        }
    }

    @Test
    void aKillDuringEditsLosesNoAcknowledgedEditAndLeavesNoEditWithoutItsHistory() throws Exception {
        Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<Long, String> initial;
        try (CarbonMapProcess first = start()) {
            HttpApi admin = first.api().asAdmin();
            assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json",
                    rooftops(40, 1, 39.10)).status()).isEqualTo(200);
            initial = rooftopsById(admin);
            List<Long> ids = new ArrayList<>(initial.keySet());
            ids.forEach(id -> acknowledged.put(id, 1));

            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger edits = new AtomicInteger();
            CountDownLatch editing = new CountDownLatch(20);
            List<Thread> editors = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Long> mine = ids.subList(t * 10, t * 10 + 10);
                Thread editor = new Thread(() -> {
                    while (!killed.get()) {
                        long id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                        int version = acknowledged.get(id);
                        // the roof area tells which version wrote it: 1000 × version + id % 1000
                        String body = "{\"type\":\"Feature\",\"geometry\":" + geometryOf(initial.get(id))
                                + ",\"properties\":{\"building_use\":\"factory\",\"built_year\":2023,"
                                + "\"roof_area_m2\":" + (1000 * (version + 1) + id % 1000) + ",\"pv_installed\":false}}";
                        try {
                            HttpApi.Response r = admin.put("/api/layers/pv_rooftops/features/" + id,
                                    "\"" + version + "\"", body);
                            if (r.status() == 200) {
                                acknowledged.put(id, version + 1);
                                edits.incrementAndGet();
                                editing.countDown();
                            }
                        } catch (AssertionError connectionLost) {
                            return;
                        }
                    }
                });
                editor.start();
                editors.add(editor);
            }
            editing.await();
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400));
            killed.set(true);
            first.kill();
            for (Thread editor : editors) {
                editor.join();
            }
            assertThat(edits.get()).isGreaterThanOrEqualTo(20);
        }
        try (CarbonMapProcess second = start()) {
            HttpApi admin = second.api().asAdmin();
            Map<Long, String> after = rooftopsById(admin);
            assertThat(after.keySet()).isEqualTo(acknowledged.keySet());
            for (Map.Entry<Long, String> e : after.entrySet()) {
                long id = e.getKey();
                String[] parts = e.getValue().split("\\|", 3);
                int version = Integer.parseInt(parts[0]);
                // an edit whose answer the kill cut off may or may not have been committed; nothing else may differ
                assertThat(version).as("rooftop %d", id)
                        .isBetween(acknowledged.get(id), acknowledged.get(id) + 1);
                double roof = Double.parseDouble(parts[1]);
                assertThat(roof).as("rooftop %d carries the attributes of its version", id)
                        .isEqualTo(version == 1 ? Double.parseDouble(initial.get(id).split("\\|")[1])
                                : 1000.0 * version + id % 1000);
                JsonNode history = admin.get("/api/layers/pv_rooftops/features/" + id + "/history").json();
                assertThat(history.size()).as("rooftop %d has one history entry per version", id).isEqualTo(version);
                int newest = 0;
                for (JsonNode h : history) {
                    newest = Math.max(newest, h.get("version").asInt());
                }
                assertThat(newest).isEqualTo(version);
            }
        }
    }

    private static String geometryOf(String snapshot) {
        return snapshot.split("\\|", 3)[2];
    }
}
