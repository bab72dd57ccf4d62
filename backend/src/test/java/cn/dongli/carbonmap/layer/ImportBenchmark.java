package cn.dongli.carbonmap.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.dongli.carbonmap.CarbonMapApplication;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.io.GeoJsonWriter;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.support.PostgisServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports of the synthetic district's rooftops at a scale (10: about 350,000) through {@link FeatureStore#importFeatures}
 * into a fresh embedded store and a fresh PostGIS database, first into the empty layer and then as a replace; on
 * PostGIS also PostgreSQL's own {@code COPY} of the same rows into a plain table of the same columns (no index, no
 * constraint; only the COPY is timed, its text prepared before), and the ratio. Then the full HTTP path once: the
 * GeoJSON posted to {@code /api/layers/pv_rooftops/import?mode=replace} as admin (parsing, validation, the rules and the
 * write). Prints the rows of {@code feature_history} and the database's size after each step. Not a test:
 * {@code bash scripts/bench-import.sh [scale…]}.
 */
public final class ImportBenchmark {

    private static final String PASSWORD = "bench-import-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> scales = args.length == 0 ? List.of(10.0) : Arrays.stream(args).map(Double::parseDouble).toList();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s; %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Instant.now());
        boolean http = !"false".equals(System.getenv("BENCH_HTTP"));
        for (double scale : scales) {
            List<GeneratedFeature> generated = DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, scale)
                    .features(LayerCatalog.PV_ROOFTOPS);
            List<FeatureDraft> roofs = new ArrayList<>();
            for (GeneratedFeature g : generated) {
                roofs.add(new FeatureDraft(Geometries.toStoredMultiPolygon(g.geometry()), new HashMap<>(g.attributes()),
                        Map.of()));
            }
            byte[] geojson = http ? geojson(generated) : null;
            System.out.printf(Locale.ROOT, "%n##### scale %s: %,d rooftops%s%n", scale, roofs.size(),
                    http ? String.format(Locale.ROOT, " (GeoJSON %.1f MB)", geojson.length / 1e6) : "");
            String profiles = System.getenv().getOrDefault("BENCH_PROFILES", "embedded,postgis");
            for (String profile : profiles.split(",")) {
                run(scale, profile.trim(), roofs, geojson);
            }
        }
        System.exit(0);
    }

    private static void run(double scale, String profile, List<FeatureDraft> roofs, byte[] geojson) throws Exception {
        Path dataDir = Files.createTempDirectory("bench-import-");
        List<String> argv = new ArrayList<>(List.of("--server.port=0", "--carbonmap.load-sample=false",
                "--CARBONMAP_ADMIN_PASSWORD=" + PASSWORD, "--logging.level.root=WARN",
                "--carbonmap.unit-metrics-refresh=0s", "--carbonmap.data-dir=" + dataDir));
        if (profile.equals("postgis")) {
            String db = database();
            argv.addAll(List.of("--spring.profiles.active=postgis", "--spring.datasource.url=" + PostgisServer.url(db),
                    "--spring.datasource.username=" + PostgisServer.user(),
                    "--spring.datasource.password=" + PostgisServer.password()));
        }
        ConfigurableApplicationContext app = SpringApplication.run(CarbonMapApplication.class,
                argv.toArray(String[]::new));
        try {
            FeatureStore store = app.getBean(FeatureStore.class);
            DataSource dataSource = app.getBean(DataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            Layer layer = app.getBean(LayerCatalog.class).get(LayerCatalog.PV_ROOFTOPS);
            System.out.printf(Locale.ROOT, "%n=== scale %s, %s ===%n", scale, profile);
            long t = System.nanoTime();
            store.importFeatures(layer, roofs, false, "bench");
            double empty = secs(t);
            report("into the empty layer", empty, roofs.size(), jdbc, profile, dataDir);
            t = System.nanoTime();
            store.importFeatures(layer, roofs, true, "bench");
            double replace = secs(t);
            report("replace", replace, roofs.size(), jdbc, profile, dataDir);
            if (profile.equals("postgis")) {
                double copy = copy(dataSource, jdbc, roofs);
                System.out.printf(Locale.ROOT, "COPY of the same %,d rows into a plain table: %.2f s; import/COPY:"
                        + " into the empty layer %.2f, replace %.2f%n", roofs.size(), copy, empty / copy,
                        replace / copy);
            }
            if (geojson != null) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                t = System.nanoTime();
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/layers/pv_rooftops/import?mode=replace"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(geojson)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double took = secs(t);
                String imported = r.statusCode() == 200 ? JSON.readTree(r.body()).path("imported").asString()
                        : r.body().substring(0, Math.min(300, r.body().length()));
                System.out.printf(Locale.ROOT, "HTTP POST …/pv_rooftops/import?mode=replace: %d (%s imported)%n",
                        r.statusCode(), imported);
                report("HTTP replace", took, roofs.size(), jdbc, profile, dataDir);
            }
        } finally {
            app.close();
        }
    }

    /**
     * A fresh PostGIS database of a name no other process on the shared server picks (the tests' names carry the
     * process id, which another container may share); dropped when the benchmark ends.
     */
    private static String database() throws java.sql.SQLException {
        String name = "carbonmap_bench_import_" + Long.toHexString(System.nanoTime())
                + Integer.toHexString(new java.util.Random().nextInt(1 << 16));
        try (Connection c = PostgisServer.connect("postgres"); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try (Connection c = PostgisServer.connect(name); var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = PostgisServer.connect("postgres"); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (java.sql.SQLException e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }));
        return name;
    }

    private static void report(String what, double seconds, int n, JdbcTemplate jdbc, String profile, Path dataDir) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM feature_history", Long.class);
        long bytes = profile.equals("postgis")
                ? jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class)
                : size(dataDir);
        System.out.printf(Locale.ROOT, "%s: %,d rooftops in %.2f s (%.1f µs each); feature_history %,d rows;"
                + " database %.0f MB%n", what, n, seconds, seconds / n * 1e6, rows, bytes / 1e6);
    }

    /** PostgreSQL's own COPY of the rows (text format, geometry as hex EWKB) into a plain table; only it is timed. */
    private static double copy(DataSource dataSource, JdbcTemplate jdbc, List<FeatureDraft> roofs) throws Exception {
        jdbc.execute("CREATE TABLE bench_copy (LIKE pv_rooftops INCLUDING DEFAULTS INCLUDING IDENTITY)");
        Layer layer = new LayerCatalog().get(LayerCatalog.PV_ROOFTOPS);
        StringBuilder cols = new StringBuilder("version");
        for (Attribute a : layer.attributes()) {
            cols.append(", ").append(a.column());
        }
        cols.append(", extra, created_by, created_at, updated_by, updated_at, geom");
        StringBuilder text = new StringBuilder();
        String now = Instant.now().toString();
        WKBWriter ewkb = new WKBWriter(2, true);
        HexFormat hex = HexFormat.of();
        for (FeatureDraft d : roofs) {
            text.append('1');
            for (Attribute a : layer.attributes()) {
                Object v = d.attributes().get(a.name());
                text.append('\t').append(v == null ? "\\N" : v.toString());
            }
            d.geometry().setSRID(4490);
            text.append("\t{}\tbench\t").append(now).append("\tbench\t").append(now).append('\t')
                    .append(hex.formatHex(ewkb.write(d.geometry()))).append('\n');
        }
        String data = text.toString();
        try (Connection c = dataSource.getConnection()) {
            long t = System.nanoTime();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy (" + cols + ") FROM STDIN",
                    new StringReader(data));
            double took = secs(t);
            if (n != roofs.size()) {
                throw new IllegalStateException("COPY wrote " + n + " rows");
            }
            return took;
        } finally {
            jdbc.execute("DROP TABLE bench_copy");
        }
    }

    private static byte[] geojson(List<GeneratedFeature> features) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 24);
        try (GeoJsonWriter writer = new GeoJsonWriter(out, 7)) {
            writer.startCollection();
            for (GeneratedFeature f : features) {
                writer.feature(null, f.geometry(), f.attributes(), null);
            }
            writer.endCollection(null);
        }
        return out.toByteArray();
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
