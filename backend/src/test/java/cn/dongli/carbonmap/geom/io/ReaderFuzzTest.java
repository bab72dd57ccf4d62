package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A bounded-time mutation fuzzer over the GeoJSON and Shapefile readers: valid Dongli survey files (the seeds) are
 * damaged by {@link Mutator} and handed to the reader, thousands of times, for about 20 seconds per reader.
 *
 * <p>Whatever it is given, a reader must either return a dataset or throw {@link UnreadableInputException} with a
 * message, within {@value #DEFAULT_CALL_SECONDS} seconds. Any other exception or error (a RuntimeException, a
 * StackOverflowError, an OutOfMemoryError), a hang, or a dataset that breaks the properties below fails the test. A
 * dataset returned must hold:
 * <ul>
 * <li>every feature either has a problem (and no geometry) or a non-empty Polygon or MultiPolygon with SRID 0 whose
 *     coordinates are all finite;</li>
 * <li>feature indexes grow strictly and are no more than the input could hold: a GeoJSON feature takes at least two
 *     bytes of the document, a shapefile record at least twelve bytes of the .shp beyond its 100-byte header;</li>
 * <li>property maps are never null and their values are of the types {@link SourceFeature} documents.</li>
 * </ul>
 * Property values may be non-finite doubles (a DBF may say {@code 1e999}, a GeoJSON {@code 1e999}): the attribute
 * validator refuses them downstream, with the feature and column named.
 *
 * <p>Accepted inputs join the corpus, so that mutations pile up on files the reader still takes. The run prints its
 * seed first; {@code -Dfuzz.seed=…} replays it (the same inputs in the same order) and {@code -Dfuzz.seconds=…} sets
 * the time per reader. A failing input is written under {@code target/fuzz-failures/}, and the failure message says
 * where, with the seed and the input's number.
 *
 * <p>Why a plain JUnit test and not a fuzzing library: jqwik's engine is built on JUnit Platform 1.x, and Spring Boot 4
 * brings Platform 6, on which it does not start; Jazzer's coverage guidance needs its native agent attached to the
 * JVM, which a portable {@code mvn verify} on the project's machines does not provide. A seeded mutation fuzzer with
 * structure-aware mutations finds the crashes that matter here (unchecked exceptions, runaway recursion and
 * allocation, hangs) without either.
 */
class ReaderFuzzTest {

    static final int DEFAULT_CALL_SECONDS = 10;

    private static final double SECONDS = Double.parseDouble(System.getProperty("fuzz.seconds", "20"));
    private static final long CALL_SECONDS = Long.getLong("fuzz.callSeconds", DEFAULT_CALL_SECONDS);
    private static final Path FAILURES = Path.of(System.getProperty("basedir", "."), "target", "fuzz-failures");
    private static final Charset GBK = Charset.forName("GBK");
    private static final int MAX_CORPUS = 200;
    private static final int MAX_CORPUS_INPUT_BYTES = 256 * 1024;
    private static final Set<Class<?>> PROPERTY_TYPES = Set.of(String.class, Long.class, Double.class,
            BigDecimal.class, Boolean.class, LocalDate.class);

    /** Held here, because java.util.logging forgets a logger's level once nothing references the logger. */
    private static final Logger SIS_LOGGER = Logger.getLogger("org.apache.sis");

    @TempDir
    Path dir;

    private ExecutorService worker = newWorker();

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void theGeoJsonReaderReadsOrRefusesEveryDamagedDocument() throws Exception {
        new Campaign<byte[]>("GeoJSON", geoJsonSeeds()) {
            @Override
            byte[] mutate(Mutator m, byte[] input, List<byte[]> corpus) {
                return m.geoJson(input, corpus);
            }

            @Override
            Callable<SourceDataset> reading(byte[] input) {
                return () -> GeoJsonReader.read(new ByteArrayInputStream(input));
            }

            @Override
            long maxFeatures(byte[] input) {
                return input.length / 2 + 1;
            }

            @Override
            long size(byte[] input) {
                return input.length;
            }

            @Override
            void save(byte[] input, Path folder) throws IOException {
                Files.write(folder.resolve("input.geojson"), input);
            }
        }.run();
    }

    @Test
    void theShapefileReaderReadsOrRefusesEveryDamagedShapefile() throws Exception {
        // SIS warns about every odd .prj it parses; thousands of them would bury the build's output
        Level sisLevel = SIS_LOGGER.getLevel();
        SIS_LOGGER.setLevel(Level.SEVERE);
        try {
            shapefileCampaign();
        } finally {
            SIS_LOGGER.setLevel(sisLevel);
        }
    }

    private void shapefileCampaign() throws Exception {
        new Campaign<Map<String, byte[]>>("Shapefile", shapefileSeeds()) {
            @Override
            Map<String, byte[]> mutate(Mutator m, Map<String, byte[]> input, List<Map<String, byte[]>> corpus) {
                return m.shapefile(input, corpus);
            }

            @Override
            Callable<SourceDataset> reading(Map<String, byte[]> input) throws IOException {
                Path folder = Files.createDirectories(dir.resolve("input"));
                // only the files that differ from the last input's are written: much faster than a new folder
                for (String gone : written.keySet()) {
                    if (!input.containsKey(gone)) {
                        Files.delete(folder.resolve(gone));
                    }
                }
                for (Map.Entry<String, byte[]> e : input.entrySet()) {
                    if (written.get(e.getKey()) != e.getValue()) {
                        Path file = folder.resolve(e.getKey());
                        Files.createDirectories(file.getParent());
                        Files.write(file, e.getValue());
                    }
                }
                written = input;
                return () -> ShapefileReader.read(folder, true);
            }

            private Map<String, byte[]> written = Map.of();

            @Override
            long maxFeatures(Map<String, byte[]> input) {
                return input.entrySet().stream().filter(e -> Mutator.extension(e.getKey()).equals("shp"))
                        .mapToLong(e -> Math.max(0, (e.getValue().length - 100) / 12)).max().orElse(0);
            }

            @Override
            long size(Map<String, byte[]> input) {
                return input.values().stream().mapToLong(b -> b.length).sum();
            }

            @Override
            void save(Map<String, byte[]> input, Path folder) throws IOException {
                for (Map.Entry<String, byte[]> e : input.entrySet()) {
                    Path file = folder.resolve(e.getKey());
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue());
                }
            }
        }.run();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // the campaign

    /** How one call of a reader ended. */
    private record Outcome(SourceDataset dataset, UnreadableInputException refusal, long nanos) {
    }

    /** Fuzzing one reader: seeds, mutation, the call under a time limit, the properties, the figures. */
    private abstract class Campaign<I> {

        private final String reader;
        private final List<I> seeds;
        private final long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        private long tried;
        private long accepted;
        private long refused;
        private long featuresRead;
        private long featuresWithProblem;
        private long slowestNanos;
        private final Map<String, Integer> refusals = new HashMap<>();

        Campaign(String reader, List<I> seeds) {
            this.reader = reader;
            this.seeds = seeds;
        }

        abstract I mutate(Mutator m, I input, List<I> corpus);

        /** The reader's call on the input, ready to run (files are written beforehand). */
        abstract Callable<SourceDataset> reading(I input) throws IOException;

        abstract long maxFeatures(I input);

        abstract long size(I input);

        abstract void save(I input, Path folder) throws IOException;

        void run() throws Exception {
            System.out.printf(Locale.ROOT, "%s reader fuzz: seed %d (replay with -Dfuzz.seed=%d), %.0f s%n", reader,
                    seed, seed, SECONDS);
            // the seeds must read: a damaged seed would make the run meaningless; the first call also loads the
            // EPSG dataset, which takes longer than a call may take afterwards
            for (int i = 0; i < seeds.size(); i++) {
                Outcome o = call(seeds.get(i), TimeUnit.MINUTES.toNanos(2), -1 - i);
                assertThat(o.refusal()).as("seed %d of the %s reader", i + 1, reader).isNull();
                assertThat(o.dataset().features()).as("seed %d of the %s reader", i + 1, reader)
                        .anyMatch(f -> f.geometry() != null);
            }
            Random random = new Random(seed);
            Mutator mutator = new Mutator(random);
            List<I> corpus = new ArrayList<>(seeds);
            long started = System.nanoTime();
            long deadline = started + (long) (SECONDS * 1e9);
            while (System.nanoTime() < deadline) {
                // half the time a seed itself, so that damage does not only pile up
                I parent = random.nextBoolean() ? seeds.get(random.nextInt(seeds.size()))
                        : corpus.get(random.nextInt(corpus.size()));
                I input = mutate(mutator, parent, corpus);
                tried++;
                Outcome o = call(input, TimeUnit.SECONDS.toNanos(CALL_SECONDS), tried);
                if (o.refusal() != null) {
                    refused++;
                    refusals.merge(reason(o.refusal().getMessage()), 1, Integer::sum);
                } else {
                    accepted++;
                    if (corpus.size() < MAX_CORPUS && size(input) <= MAX_CORPUS_INPUT_BYTES) {
                        corpus.add(input);
                    }
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%s reader fuzz: %d inputs in %.1f s: %d read (%d features with a geometry,"
                            + " %d with a problem), %d refused; slowest call %d ms%n", reader, tried, elapsed,
                    accepted, featuresRead, featuresWithProblem, refused, slowestNanos / 1_000_000);
            refusals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %6d × %s%n", e.getValue(), e.getKey()));
            assertThat(accepted).as("%s inputs the reader read (seed %d)", reader, seed).isPositive();
            assertThat(refused).as("%s inputs the reader refused (seed %d)", reader, seed).isPositive();
        }

        /** Reads the input on the worker thread and checks the outcome; fails with the input saved. */
        private Outcome call(I input, long limitNanos, long number) throws Exception {
            Future<SourceDataset> future = worker.submit(reading(input));
            long start = System.nanoTime();
            SourceDataset data;
            try {
                data = future.get(limitNanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnreadableInputException refusal) {
                    if (refusal.getMessage() == null || refusal.getMessage().isBlank()) {
                        throw failure(input, number, "refused it without a message", refusal);
                    }
                    return new Outcome(null, refusal, record(start));
                }
                throw failure(input, number, "threw " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                future.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
                throw failure(input, number, "took more than " + TimeUnit.NANOSECONDS.toSeconds(limitNanos)
                        + " s", null);
            }
            long nanos = record(start);
            String broken = check(data, maxFeatures(input));
            if (broken != null) {
                throw failure(input, number, "returned a dataset where " + broken, null);
            }
            for (SourceFeature f : data.features()) {
                if (f.problem() == null) {
                    featuresRead++;
                } else {
                    featuresWithProblem++;
                }
            }
            return new Outcome(data, null, nanos);
        }

        private long record(long start) {
            long nanos = System.nanoTime() - start;
            slowestNanos = Math.max(slowestNanos, nanos);
            return nanos;
        }

        private AssertionError failure(I input, long number, String what, Throwable cause) throws IOException {
            String name = reader.toLowerCase(Locale.ROOT) + "-seed" + seed + "-input" + number;
            Path folder = Files.createDirectories(FAILURES.resolve(name));
            save(input, folder);
            String message = "the " + reader + " reader " + what + " on "
                    + (number < 0 ? "seed " + -number : "input " + number) + " of fuzz seed " + seed
                    + " (replay with -Dfuzz.seed=" + seed + "); the input is in " + folder.toAbsolutePath();
            return new AssertionError(message, cause);
        }
    }

    /**
     * What is wrong with a dataset a reader returned, or null if nothing is: the properties the class comment lists.
     */
    static String check(SourceDataset data, long maxFeatures) {
        if (data == null || data.features() == null) {
            return "the dataset or its feature list is null";
        }
        if (data.features().size() > maxFeatures) {
            return data.features().size() + " features came from an input that holds at most " + maxFeatures;
        }
        int previous = -1;
        for (SourceFeature f : data.features()) {
            String which = "feature " + f.index();
            if (f.index() <= previous || f.index() >= maxFeatures) {
                return which + " comes after feature " + previous + " (at most " + maxFeatures + " can be)";
            }
            previous = f.index();
            if (f.properties() == null) {
                return which + " has null properties";
            }
            for (Map.Entry<String, Object> p : f.properties().entrySet()) {
                Object v = p.getValue();
                if (p.getKey() == null || v != null && !PROPERTY_TYPES.contains(v.getClass())
                        && !(v instanceof Map) && !(v instanceof List)) {
                    return which + " has property " + p.getKey() + " of type " + v.getClass().getName();
                }
            }
            if ((f.geometry() == null) == (f.problem() == null)) {
                return which + " has " + (f.geometry() == null ? "neither a geometry nor" : "both a geometry and")
                        + " a problem";
            }
            if (f.problem() != null) {
                if (f.problem().isBlank()) {
                    return which + " has a blank problem";
                }
                continue;
            }
            Geometry g = f.geometry();
            if (!(g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty() || g.getSRID() != 0) {
                return which + " has geometry " + g.getGeometryType() + " (empty: " + g.isEmpty() + ", SRID "
                        + g.getSRID() + ")";
            }
            for (Coordinate c : g.getCoordinates()) {
                if (!Double.isFinite(c.getX()) || !Double.isFinite(c.getY())) {
                    return which + " has the non-finite coordinate " + c;
                }
            }
        }
        return null;
    }

    /** A refusal message with its numbers and quoted parts masked, so that alike messages count together. */
    private static String reason(String message) {
        String m = message.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "#");
        return m.length() > 100 ? m.substring(0, 100) + "…" : m;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reader-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    // ----------------------------------------------------------------------------------------------------------------
    // GeoJSON seeds

    /** Valid documents of the kinds the district's files come in. */
    private static List<byte[]> geoJsonSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        // the survey parcels: a wetland with an island of reeds, a two-part shelter belt, a record without geometry
        seeds.add(Mutator.utf8(DongliSamples.PARCELS));
        // one Feature with a MultiPolygon whose parts have holes, nested properties and an id
        seeds.add(Mutator.utf8("""
                {"type":"Feature","id":"DL-2024-017",
                 "properties":{"名称":"东丽湖苗圃","调查":{"年度":2024,"人员":["张伟","李娜"],"备注":null},
                  "面积":3.75,"株数":1200,"公益林":true,"转义":"\\u4E1C\\u4E3D \\"湖\\"\\n"},
                 "geometry":{"type":"MultiPolygon","coordinates":[
                  [[[117.40,39.15],[117.45,39.15],[117.45,39.19],[117.40,39.19],[117.40,39.15]],
                   [[117.41,39.16],[117.41,39.18],[117.44,39.18],[117.44,39.16],[117.41,39.16]]],
                  [[[117.50,39.00],[117.55,39.00],[117.55,39.05],[117.50,39.05],[117.50,39.00]],
                   [[117.51,39.01],[117.52,39.01],[117.52,39.02],[117.51,39.02],[117.51,39.01]],
                   [[117.53,39.03],[117.54,39.03],[117.54,39.04],[117.53,39.04],[117.53,39.03]]]]},
                 "bbox":[117.40,39.00,117.55,39.19]}"""));
        // a 2008 crs member naming CGCS2000 / 3-degree Gauss-Kruger CM 117E, with projected coordinates
        seeds.add(Mutator.utf8("""
                {"type":"FeatureCollection","name":"小班",
                 "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},
                 "features":[
                  {"type":"Feature","properties":{"小班号":"0117","地类":"乔木林地","蓄积":-0.0,"郁闭度":6.5e-1},
                   "geometry":{"type":"Polygon","coordinates":[[[534600.125,4340210.5],[535100.0,4340210.5],
                    [535100.0,4340700.25],[534600.125,4340700.25],[534600.125,4340210.5]]]}},
                  {"type":"Feature","properties":{"小班号":"0118","地类":"灌木林地","蓄积":12345678901234567890},
                   "geometry":{"type":"Polygon","coordinates":[[[535200.0,4340300.0,2.5],[535400.0,4340300.0,2.5],
                    [535400.0,4340500.0,2.5],[535200.0,4340300.0,2.5]]]}}]}"""));
        // an EPSG:4490 crs the short way, a point among the polygons, foreign members
        seeds.add(Mutator.utf8("""
                {"features":[
                  {"geometry":{"coordinates":[[[117.30,39.10],[117.32,39.10],[117.32,39.12],[117.30,39.12],
                    [117.30,39.10]]],"type":"Polygon"},"type":"Feature","properties":{"name":"金钟河","h":1E2}},
                  {"type":"Feature","geometry":{"type":"Point","coordinates":[117.35,39.1]},"properties":null},
                  {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{}}],
                 "type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},
                 "numberMatched":3,"links":[{"href":"https://example.com/","rel":"self"}]}"""));
        // what the GeoJSON writer itself makes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GeoJsonWriter w = new GeoJsonWriter(out, 7)) {
            w.startCollection();
            int i = 0;
            for (WritableFeature f : lonLatFeatures()) {
                w.feature(f.id(), f.geometry(), f.properties(), Map.of("meta", Map.of("version", ++i)));
            }
            w.endCollection(Map.of("numberReturned", i));
        }
        seeds.add(out.toByteArray());
        seeds.add(Mutator.utf8("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[117.25,39.0],[117.55,39.0],[117.55,39.23],[117.25,39.0]]]}}"));
        return seeds;
    }

    /** The parcels of {@link DongliSamples#PARCELS} and a lake with an island, in CGCS2000 longitude/latitude. */
    private static List<WritableFeature> lonLatFeatures() {
        Map<String, Object> wetland = new LinkedHashMap<>();
        wetland.put("名称", "东丽湖湿地");
        wetland.put("面积", 12.5);
        Map<String, Object> belt = new LinkedHashMap<>();
        belt.put("名称", "金钟河防护林带");
        belt.put("面积", null);
        Map<String, Object> lake = new LinkedHashMap<>();
        lake.put("名称", "湖心岛");
        lake.put("面积", 0.25);
        return List.of(
                new WritableFeature(1L, DongliSamples.wkt(DongliSamples.PARCEL_WKT[0]), wetland),
                new WritableFeature(2L, DongliSamples.wkt(DongliSamples.PARCEL_WKT[1]), belt),
                new WritableFeature(3L, DongliSamples.wkt("MULTIPOLYGON (((117.40 39.15, 117.45 39.15, 117.45 39.19,"
                        + " 117.40 39.19, 117.40 39.15), (117.41 39.16, 117.41 39.18, 117.44 39.18, 117.44 39.16,"
                        + " 117.41 39.16)), ((117.42 39.165, 117.43 39.165, 117.43 39.175, 117.42 39.175,"
                        + " 117.42 39.165)))"), lake),
                new WritableFeature(4L, null, Map.of("名称", "无图形记录")));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Shapefile seeds

    /** Valid shapefiles: as the export writes them, and hand-built as ArcGIS and GDAL write them on Chinese Windows. */
    private static List<Map<String, byte[]>> shapefileSeeds() throws IOException {
        List<Map<String, byte[]>> seeds = new ArrayList<>();
        // the export's zip in GK CM 117E: UTF-8 .dbf with every column type, .cpg, ESRI .prj
        seeds.add(exported("东丽区小班", 4548, ExportSamples.COLUMNS, ExportSamples.features()));
        // the export in CGCS2000 longitude/latitude, with a lake that has an island
        seeds.add(exported("parcels", 4490, List.of(new ColumnSpec("名称", ColumnSpec.Type.STRING),
                new ColumnSpec("面积", ColumnSpec.Type.DECIMAL)), lonLatFeatures()));

        // PolygonZ as ArcGIS writes it, a GBK .dbf that says so by its language driver, no .cpg; the first ring is
        // left unclosed, as some tools do
        List<Object[]> gbkRows = List.of(
                new Object[] {"东丽湖湿地", "湿地", "12.500", "340", "20240501", "T"},
                new Object[] {"无图形记录", "林地", "1.250", "1", "20231231", "?"},
                new Object[] {"金钟河防护林带", "林地", "", "", "", "F"});
        Map<String, byte[]> gbk = new LinkedHashMap<>(shp("小班_gbk", 15, List.of(
                new double[][] {{117.40, 39.15, 117.40, 39.19, 117.45, 39.19, 117.45, 39.15},
                    {117.42, 39.16, 117.43, 39.16, 117.43, 39.17, 117.42, 39.17, 117.42, 39.16}},
                new double[0][],
                new double[][] {{117.30, 39.10, 117.30, 39.12, 117.32, 39.12, 117.32, 39.10, 117.30, 39.10},
                    {117.35, 39.10, 117.35, 39.11, 117.36, 39.11, 117.36, 39.10, 117.35, 39.10}})));
        gbk.put("小班_gbk.dbf", dbf(GBK, 0x4D, List.of(new DbfField("名称", 'C', 20, 0),
                new DbfField("地类", 'C', 10, 0), new DbfField("面积", 'N', 12, 3), new DbfField("株数", 'N', 10, 0),
                new DbfField("调查日期", 'D', 8, 0), new DbfField("公益林", 'L', 1, 0)), gbkRows, Set.of()));
        gbk.put("小班_gbk.prj", Mutator.utf8(EsriCrs.wkt(4490)));
        seeds.add(gbk);

        // PolygonM in GK zone 39 (EPSG:4527), a GBK .dbf with ArcGIS's ANSI language driver and a .cpg saying 936,
        // binary I and O fields, a memo field the reader leaves out, and a record marked deleted
        double x = 39_534_600;
        double y = 4_340_200;
        List<Object[]> zoneRows = List.of(
                new Object[] {"苗圃一", 17, 0.65, "3.5", "0000000001"},
                new Object[] {"苗圃二", -3, Double.NaN, "  ", "          "},
                new Object[] {"已删除", 0, 0.0, "1.0", "0000000002"});
        Map<String, byte[]> zone = new LinkedHashMap<>(shp("zone39", 25, List.of(
                new double[][] {{x, y, x, y + 500, x + 500, y + 500, x + 500, y, x, y}},
                new double[][] {{x + 600, y, x + 600, y + 100, x + 700, y + 100, x + 700, y, x + 600, y},
                    {x + 800, y, x + 800, y + 100, x + 900, y + 100, x + 900, y, x + 800, y}},
                new double[][] {{x, y, x, y + 10, x + 10, y + 10, x + 10, y, x, y}})));
        zone.put("zone39.dbf", dbf(GBK, 0x57, List.of(new DbfField("名称", 'C', 16, 0), new DbfField("编号", 'I', 4, 0),
                new DbfField("郁闭度", 'O', 8, 0), new DbfField("高度", 'F', 6, 1), new DbfField("备注", 'M', 10, 0)),
                zoneRows, Set.of(2)));
        zone.put("zone39.cpg", Mutator.utf8("936"));
        zone.put("zone39.prj", Mutator.utf8(EsriCrs.wkt(4527)));
        seeds.add(zone);

        // thirty squares on a grid, a UTF-8 .dbf with no .cpg and no language driver, no .shx and no .prj
        List<double[][]> grid = new ArrayList<>();
        List<Object[]> gridRows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double gx = 117.25 + 0.01 * (i % 6);
            double gy = 39.0 + 0.01 * (i / 6);
            grid.add(new double[][] {{gx, gy, gx, gy + 0.008, gx + 0.008, gy + 0.008, gx + 0.008, gy, gx, gy}});
            gridRows.add(new Object[] {String.valueOf(i + 1), "网格" + (i + 1) + "号样地"});
        }
        Map<String, byte[]> plots = new LinkedHashMap<>(shp("样地", 5, grid));
        plots.remove("样地.shx");
        plots.put("样地.dbf", dbf(StandardCharsets.UTF_8, 0, List.of(new DbfField("编号", 'N', 4, 0),
                new DbfField("名称", 'C', 40, 0)), gridRows, Set.of()));
        seeds.add(plots);
        return seeds;
    }

    /** The files of a zipped shapefile the {@link ShapefileWriter} wrote. */
    private static Map<String, byte[]> exported(String base, int epsg, List<ColumnSpec> columns,
                                                List<WritableFeature> features) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ShapefileWriter.writeZip(zip, base, epsg, columns, features);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /**
     * A .shp and .shx of the shape type (5, 15 or 25) whose records are each a list of rings of x, y pairs; a record
     * without rings is a null shape. Rings are written as given: winding and closure are up to the caller.
     */
    private static Map<String, byte[]> shp(String base, int type, List<double[][]> records) {
        ByteArrayOutputStream shp = new ByteArrayOutputStream();
        ByteArrayOutputStream shx = new ByteArrayOutputStream();
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        int offset = 100;
        for (int r = 0; r < records.size(); r++) {
            double[][] rings = records.get(r);
            int points = 0;
            for (double[] ring : rings) {
                points += ring.length / 2;
            }
            int measures = type == 15 ? 2 : type == 25 ? 1 : 0;
            int length = rings.length == 0 ? 4 : 44 + 4 * rings.length + 16 * points + measures * (16 + 8 * points);
            ByteBuffer c = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            if (rings.length == 0) {
                c.putInt(0);
            } else {
                double[] env = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
                for (double[] ring : rings) {
                    for (int i = 0; i < ring.length; i += 2) {
                        env[0] = Math.min(env[0], ring[i]);
                        env[1] = Math.min(env[1], ring[i + 1]);
                        env[2] = Math.max(env[2], ring[i]);
                        env[3] = Math.max(env[3], ring[i + 1]);
                    }
                }
                box = new double[] {Math.min(box[0], env[0]), Math.min(box[1], env[1]), Math.max(box[2], env[2]),
                    Math.max(box[3], env[3])};
                c.putInt(type).putDouble(env[0]).putDouble(env[1]).putDouble(env[2]).putDouble(env[3])
                        .putInt(rings.length).putInt(points);
                int start = 0;
                for (double[] ring : rings) {
                    c.putInt(start);
                    start += ring.length / 2;
                }
                for (double[] ring : rings) {
                    for (double v : ring) {
                        c.putDouble(v);
                    }
                }
                for (int m = 0; m < measures; m++) { // Z (2.5 m above the datum) and M (the point's number)
                    c.putDouble(0).putDouble(points);
                    for (int i = 0; i < points; i++) {
                        c.putDouble(m == 0 && type == 15 ? 2.5 : i);
                    }
                }
            }
            shp.writeBytes(ByteBuffer.allocate(8).putInt(r + 1).putInt(length / 2).array());
            shp.writeBytes(c.array());
            shx.writeBytes(ByteBuffer.allocate(8).putInt(offset / 2).putInt(length / 2).array());
            offset += 8 + length;
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(base + ".shp", Mutator.concat(shapeHeader(type, 100 + shp.size(), box), shp.toByteArray()));
        files.put(base + ".shx", Mutator.concat(shapeHeader(type, 100 + shx.size(), box), shx.toByteArray()));
        return files;
    }

    private static byte[] shapeHeader(int type, int bytes, double[] box) {
        ByteBuffer h = ByteBuffer.allocate(100);
        h.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, bytes / 2);
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, type);
        for (int i = 0; i < 4; i++) {
            h.putDouble(36 + 8 * i, box[i]);
        }
        return h.array();
    }

    /** A field of a hand-built .dbf; the name is encoded like the values. */
    private record DbfField(String name, char type, int length, int decimals) {
    }

    /**
     * A dBase III table: values are text (C left-aligned, others right-aligned, encoded in the charset), an Integer for
     * an I field, a Double for an O field.
     */
    private static byte[] dbf(Charset charset, int languageDriver, List<DbfField> fields, List<Object[]> rows,
                              Set<Integer> deleted) {
        int headerLength = 32 + 32 * fields.size() + 1;
        int recordLength = 1 + fields.stream().mapToInt(DbfField::length).sum();
        ByteBuffer b = ByteBuffer.allocate(headerLength + recordLength * rows.size() + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 3).put(1, (byte) 124).put(2, (byte) 5).put(3, (byte) 1).putInt(4, rows.size())
                .putShort(8, (short) headerLength).putShort(10, (short) recordLength).put(29, (byte) languageDriver);
        for (int i = 0; i < fields.size(); i++) {
            DbfField f = fields.get(i);
            int at = 32 + 32 * i;
            byte[] name = f.name().getBytes(charset);
            b.put(at, name, 0, Math.min(10, name.length));
            b.put(at + 11, (byte) f.type()).put(at + 16, (byte) f.length()).put(at + 17, (byte) f.decimals());
        }
        b.put(headerLength - 1, (byte) 0x0D);
        int at = headerLength;
        for (int r = 0; r < rows.size(); r++) {
            b.put(at, (byte) (deleted.contains(r) ? '*' : ' '));
            int offset = at + 1;
            for (int i = 0; i < fields.size(); i++) {
                DbfField f = fields.get(i);
                Object v = rows.get(r)[i];
                byte[] raw;
                if (v instanceof Integer n) {
                    raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
                } else if (v instanceof Double d) {
                    raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array();
                } else {
                    byte[] text = v.toString().getBytes(charset);
                    raw = new byte[f.length()];
                    Arrays.fill(raw, (byte) ' ');
                    int n = Math.min(text.length, raw.length);
                    System.arraycopy(text, 0, raw, f.type() == 'C' ? 0 : raw.length - n, n);
                }
                b.put(offset, raw, 0, Math.min(raw.length, f.length()));
                offset += f.length();
            }
            at += recordLength;
        }
        b.put(at, (byte) 0x1A);
        return b.array();
    }
}
