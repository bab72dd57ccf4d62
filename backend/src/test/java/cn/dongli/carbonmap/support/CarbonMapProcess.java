package cn.dongli.carbonmap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CarbonMap as a separate operating-system process, started from the test class path as an operator starts the jar,
 * so that a test can do to it what happens to servers: kill it with SIGKILL, start it again on the same data, give it
 * a full or read-only disk. Its output goes to a log file the test can read.
 */
public final class CarbonMapProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private CarbonMapProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** How to start one. */
    public static final class Launch {
        private final Map<String, String> arguments = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> prefix = new ArrayList<>();

        /** Embedded H2 in this data directory, without sample data. */
        public static Launch embedded(Path dataDir) {
            Launch l = new Launch();
            l.arguments.put("carbonmap.data-dir", dataDir.toString());
            l.arguments.put("carbonmap.load-sample", "false");
            l.environment.put("CARBONMAP_ADMIN_PASSWORD", HttpApi.ADMIN_PASSWORD);
            return l;
        }

        /** The postgis profile on this test database; temporary uploads in the data directory. */
        public static Launch postgis(String database, Path dataDir) {
            return postgisAt(PostgisServer.url(database), PostgisServer.user(), PostgisServer.password(), dataDir);
        }

        /** The postgis profile on the database at this JDBC URL. */
        public static Launch postgisAt(String url, String user, String password, Path dataDir) {
            Launch l = embedded(dataDir);
            l.arguments.put("spring.profiles.active", "postgis");
            l.arguments.put("spring.datasource.url", url);
            l.environment.put("PGUSER", user);
            l.environment.put("PGPASSWORD", password);
            return l;
        }

        public Launch with(String property, String value) {
            arguments.put(property, value);
            return this;
        }

        /** Runs the JVM through this command (e.g. {@code nsenter … --}). */
        public Launch through(List<String> command) {
            prefix.addAll(command);
            return this;
        }

        /** Starts the process and waits until it is ready to serve. */
        public CarbonMapProcess start(Path log) {
            CarbonMapProcess p = spawn(log);
            p.awaitReady(Duration.ofSeconds(120));
            return p;
        }

        /** Starts the process without waiting (for starts that are expected to fail). */
        public CarbonMapProcess spawn(Path log) {
            int port = freePort();
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath(),
                    "cn.dongli.carbonmap.CarbonMapApplication", "--server.port=" + port));
            arguments.forEach((k, v) -> command.add("--" + k + "=" + v));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(environment);
            try {
                return new CarbonMapProcess(pb.start(), port, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The class path this test runs with (surefire hands it over in a property when it uses a manifest jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public HttpApi api() {
        return new HttpApi(port);
    }

    /** Waits for the readiness probe to answer 200. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("CarbonMap exited with " + process.exitValue() + " before it was ready:\n"
                        + tail(60));
            }
            if (status("/actuator/health/readiness") == 200) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("CarbonMap was not ready within " + timeout + ":\n" + tail(60));
    }

    /** The status of a GET, or -1 if nothing answers. */
    public int status(String path) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("CarbonMap did not exit within " + timeout + ":\n" + tail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no closing of the database. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as an operator or the container runtime stops it, without waiting (see {@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** Waits until the log has a line containing the text. */
    public void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("CarbonMap exited before logging '" + text + "':\n" + tail(40));
            }
            sleep(20);
        }
        throw new AssertionError("CarbonMap did not log '" + text + "' within " + timeout + ":\n" + tail(40));
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        String[] all = log().split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as an operator stops it, and waits. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
