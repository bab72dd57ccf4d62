package cn.dongli.carbonmap.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.io.ReadBudget;

/**
 * The import pool: bounded (a full pool refuses with 503), and stopping it cancels what runs and what waits, so that
 * the application's shutdown never waits for an import.
 */
class ImportPoolTest {

    private static ImportPool pool(int threads, int queue) {
        return new ImportPool(new ImportSettings(1, 1, 1, 1, 1, 1, Duration.ofHours(1), threads, queue,
                Path.of("unused")));
    }

    /** A task that reads "for ever": until its budget is cancelled. */
    private static Object endless(ReadBudget budget, CountDownLatch started) throws Exception {
        started.countDown();
        while (true) {
            budget.check(-1);
            Thread.sleep(5);
        }
    }

    @Test
    void aFullPoolRefusesWith503() throws Exception {
        ImportPool pool = pool(1, 1);
        ReadBudget a = ReadBudget.start(ReadBudget.Limits.DEFAULT);
        ReadBudget b = ReadBudget.start(ReadBudget.Limits.DEFAULT);
        CountDownLatch started = new CountDownLatch(1);
        pool.submit(() -> endless(a, started), a::cancel);
        started.await(10, TimeUnit.SECONDS);
        pool.submit(() -> endless(b, new CountDownLatch(1)), b::cancel);
        assertThat(pool.active()).isEqualTo(1);
        assertThat(pool.waiting()).isEqualTo(1);
        assertThatThrownBy(() -> pool.submit(() -> "third", () -> { }))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.extensions()).containsKey("retryAfterSeconds");
                });
        pool.destroy();
    }

    @Test
    void stoppingThePoolCancelsRunningAndWaitingImports() throws Exception {
        ImportPool pool = pool(1, 2);
        ReadBudget running = ReadBudget.start(ReadBudget.Limits.DEFAULT);
        ReadBudget waiting = ReadBudget.start(ReadBudget.Limits.DEFAULT);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> first = pool.submit(() -> endless(running, started), running::cancel);
        CompletableFuture<Object> second = pool.submit(() -> endless(waiting, new CountDownLatch(1)), waiting::cancel);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(30), pool::destroy);
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(pool.active()).isZero();
    }
}
