package cn.dongli.carbonmap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.dongli.carbonmap.support.CarbonMapProcess;
import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.PrivatePostgres;

/**
 * PostgreSQL restarted under load: while it is down CarbonMap says it is not ready (readiness 503, liveness still
 * up) and answers every request promptly with a 503 problem and Retry-After — never a hang, never an internal error;
 * when the database is back it serves and writes again without being restarted.
 */
class DatabaseOutageTest {

    @TempDir
    Path work;

    /** Clients reading the map and the indicators in a loop, counting the answers by status. */
    static final class Readers implements AutoCloseable {
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong slowest = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Readers(HttpApi api, int clients) {
            String[] paths = {"/api/layers/pv_rooftops/features?bbox=117.29,39.09,117.33,39.13&limit=2000",
                    "/api/metrics?unit=district", "/api/layers/parks/features?limit=100"};
            for (int i = 0; i < clients; i++) {
                String path = paths[i % paths.length];
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = api.get(path).status();
                        } catch (AssertionError connectionFailed) {
                            status = -1;
                        }
                        slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
        }

        long count(int status) {
            AtomicLong n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static void await(String what, IntSupplier status, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = status.getAsInt();
        while (last != expected) {
            assertThat(System.nanoTime()).as(what + " within " + timeout + " (last status " + last + ")")
                    .isLessThan(deadline);
            Thread.sleep(250);
            last = status.getAsInt();
        }
    }

    @Test
    void whileTheDatabaseRestartsCarbonMapIsNotReadyAnswers503PromptlyAndThenRecoversWithoutARestart()
            throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start(work);
             CarbonMapProcess app = CarbonMapProcess.Launch.postgisAt(pg.url("carbonmap"), "postgres", "",
                     work.resolve("data")).start(work.resolve("carbonmap.log"))) {
            HttpApi admin = app.api().asAdmin();
            assertThat(admin.post("/api/layers/pv_rooftops/import", "application/geo+json",
                    ProcessKillContract.rooftops(400, 1, 39.10)).status()).isEqualTo(200);
            assertThat(StorageFaultsTest.createPark(admin, "甲", 117.30).status()).isEqualTo(201);

            Readers readers = new Readers(app.api(), 6);
            Thread.sleep(2000);
            assertThat(readers.count(200)).as("served before the outage").isPositive();

            pg.stopServer();
            await("readiness reports the outage", () -> app.status("/actuator/health/readiness"), 503,
                    Duration.ofSeconds(30));
            assertThat(app.status("/actuator/health/liveness")).as("alive: no restart needed").isEqualTo(200);
            long started = System.nanoTime();
            HttpApi.Response read = app.api().get("/api/layers/parks/features");
            assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("answered promptly, s").isLessThan(10);
            assertThat(read.status()).as(read.body()).isEqualTo(503);
            assertThat(read.json().get("code").asString()).isEqualTo("database-unavailable");
            assertThat(read.header("Retry-After")).isEqualTo("5");
            HttpApi.Response write = StorageFaultsTest.createPark(admin, "乙", 117.31);
            assertThat(write.status()).as(write.body()).isEqualTo(503);

            pg.startServer();
            await("readiness after the database is back", () -> app.status("/actuator/health/readiness"), 200,
                    Duration.ofSeconds(60));
            long servedBefore = readers.count(200);
            Thread.sleep(2000);
            readers.close();
            System.out.printf("database outage: answers by status %s, slowest %d ms%n", readers.statuses,
                    readers.slowest.get());
            assertThat(readers.count(200)).as("reads served again").isGreaterThan(servedBefore);
            assertThat(readers.statuses.keySet()).as("answers during the whole run: " + readers.statuses)
                    .containsOnly(200, 503);
            HttpApi.Response after = StorageFaultsTest.createPark(admin, "乙", 117.31);
            assertThat(after.status()).as(after.body()).isEqualTo(201);
            assertThat(app.api().get("/api/layers/parks/features").json().get("features").size())
                    .as("the write during the outage left nothing; the one after it is there").isEqualTo(2);
            assertThat(app.api().get("/api/metrics?unit=district").status()).isEqualTo(200);
            assertThat(app.log()).doesNotContain("unexpected failure");
        }
    }
}
