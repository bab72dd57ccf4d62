package cn.dongli.carbonmap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL + PostGIS server of a test's own (Debian's binaries, a fresh cluster in a temporary directory, loopback
 * only), for tests that stop and start the database under a running CarbonMap without disturbing the shared test
 * server. Run as the {@code postgres} user when the test runs as root, as PostgreSQL refuses to run as root.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PrivatePostgres(Path dir, int port, boolean asPostgres) {
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Creates a cluster under {@code parent}, starts it and creates database {@code carbonmap} with PostGIS. */
    public static PrivatePostgres start(Path parent) {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createDirectories(parent.resolve("pg"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", parent.toString()));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PrivatePostgres pg = new PrivatePostgres(dir, port, root);
            pg.asOwner(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U",
                    "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"));
            pg.startServer();
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE carbonmap");
            }
            try (Connection c = DriverManager.getConnection(pg.url("carbonmap"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION postgis");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new AssertionError("the private PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Starts the server and waits until it accepts connections. */
    public void startServer() {
        asOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on", "start"));
    }

    /** Stops the server as an operator's restart does ({@code -m fast}: sessions are ended, nothing is lost). */
    public void stopServer() {
        asOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-m", "fast", "stop"));
    }

    private void asOwner(List<String> command) {
        List<String> c = new ArrayList<>();
        if (asPostgres) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(command);
        run(c);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (AssertionError alreadyStopped) {
            // stopped by the test
        }
    }
}
