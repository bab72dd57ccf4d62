package cn.dongli.carbonmap.importer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * The threads imports run on, apart from the web server's workers: an upload is spooled on the request's worker, then
 * read, validated and written here, so that however long imports take, reads and health checks never wait for them.
 * A few imports run at once ({@code carbonmap.import-limits.threads}), a few more wait
 * ({@code carbonmap.import-limits.queue}); any more are refused with 503 and {@code Retry-After}.
 *
 * <p>When the application stops, the imports are cancelled first, before the web server's graceful shutdown waits for
 * the requests in flight: they end promptly, write nothing and answer 422 {@code import-cancelled}. The threads are
 * daemons: the process never waits for them.
 */
@Component
public class ImportPool implements SmartLifecycle, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ImportPool.class);

    private final ThreadPoolExecutor executor;
    private final Set<Runnable> cancels = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ImportPool(ImportSettings settings) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queue())), r -> {
                    Thread t = new Thread(r, "import-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs the task on the pool.
     *
     * @param cancel stops the task early (it must then end promptly); called when the application stops
     * @throws ProblemException 503 if the pool and its queue are full
     */
    <T> CompletableFuture<T> submit(Callable<T> task, Runnable cancel) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            cancels.add(cancel);
            if (stopping) {
                cancel.run();
            }
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                cancels.remove(cancel);
            }
        };
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            throw new ProblemException(503, "imports-busy", "Imports busy", "as many imports as the server takes at"
                    + " once are running or waiting; try again in a minute", Map.of("retryAfterSeconds", 60));
        }
        return result;
    }

    /** Imports running now. */
    public int active() {
        return executor.getActiveCount();
    }

    /** Imports waiting for a thread. */
    public int waiting() {
        return executor.getQueue().size();
    }

    /** Whether the pool takes imports (until the application stops). */
    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @Override
    public void start() {
        // running from the start
    }

    /**
     * Cancels every import, running or waiting, at the start of the application's shutdown (this phase stops before
     * the web server's graceful shutdown): reading stops at its next check, and nothing is written.
     */
    @Override
    public void stop() {
        stopping = true;
        executor.shutdown();
        cancels.forEach(Runnable::run);
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /**
     * Stops the pool: imports are cancelled as in {@link #stop()}, and after 10 s the threads are interrupted.
     */
    @Override
    public void destroy() throws InterruptedException {
        stop();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
            LOG.warn("{} imports were still running when the application stopped", executor.getActiveCount());
        }
    }
}
