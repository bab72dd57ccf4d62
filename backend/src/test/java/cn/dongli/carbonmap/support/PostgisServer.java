package cn.dongli.carbonmap.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL + PostGIS server the tests run against: started on 127.0.0.1 by the project's test command
 * ({@code scripts/test.sh}). Each test class gets a fresh database, dropped when the JVM ends.
 *
 * <p>There is no fallback: if the server cannot be reached the test fails and says how to start it. A mock or plain
 * H2 standing in for PostGIS would prove nothing.
 */
public final class PostgisServer {

    private static final String HOST = env("CARBONMAP_TEST_PGHOST", "127.0.0.1");
    private static final String PORT = env("CARBONMAP_TEST_PGPORT", "5432");
    private static final String USER = env("CARBONMAP_TEST_PGUSER", "carbonmap_test");
    private static final String PASSWORD = env("CARBONMAP_TEST_PGPASSWORD", "carbonmap_test");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgisServer::dropAll));
    }

    private PostgisServer() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The JDBC URL of a database on the server. */
    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String host() {
        return HOST;
    }

    public static String port() {
        return PORT;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /** Creates an empty database with PostGIS and returns its name. */
    public static synchronized String createDatabase() {
        // a random part too: processes of other machines' containers may share the server and this process id
        String name = "carbonmap_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("PostGIS is not reachable at " + url("postgres") + " as " + USER + " ("
                    + e.getMessage() + "). Run the tests with scripts/test.sh, which installs and starts it.", e);
        }
        CREATED.add(name);
        try (Connection c = DriverManager.getConnection(url(name), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new AssertionError("cannot enable PostGIS in " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** A connection to a test database. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres"), USER, PASSWORD);
    }

    private static synchronized void dropAll() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases: " + e.getMessage());
        }
    }
}
