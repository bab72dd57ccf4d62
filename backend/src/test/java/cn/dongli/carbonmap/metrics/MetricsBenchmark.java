package cn.dongli.carbonmap.metrics;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.util.AffineTransformation;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.store.TestStores;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.sample.SyntheticDistrict;
import cn.dongli.carbonmap.support.PostgisReference;
import cn.dongli.carbonmap.support.PostgisServer;

/**
 * The indicator engine against PostGIS on the same synthetic district, in one run: prints times, their ratio, the
 * time to updated figures after single edits, and the engine's heap. Not a test: run it with
 * {@code bash scripts/bench-metrics.sh [scale…]}.
 *
 * <ol>
 *   <li>generate the district at the scale and load it into a fresh PostGIS database (CarbonMap's schema);</li>
 *   <li>PostGIS: the reference SQL ({@link PostgisReference}: ST_Union, ST_Intersection, geography ST_Area,
 *       ST_PointOnSurface) over every unit;</li>
 *   <li>engine, full recompute: as {@code recompute=true} does it, reading every layer from that PostGIS database
 *       through the feature store (pooled connections, as in the application), building the model and computing
 *       every unit; and the same from features already in memory (5 runs each, median);</li>
 *   <li>engine, after one edit: a forest plot (or land-cover polygon, or rooftop) moved by a few metres and saved
 *       through the store, then the next answer — change log read, feature fetched, touched cells recomputed;</li>
 *   <li>heap: a child JVM limited to {@code -Xmx1g} builds the engine from the database and reports its peak.</li>
 * </ol>
 */
public final class MetricsBenchmark {

    private static final LayerCatalog CATALOG = new LayerCatalog();
    private static final MetricsDefinitions DEFS = MetricsDefinitions.defaults();

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--heap")) {
            heapChild(args[1]);
            return;
        }
        List<Double> scales = args.length == 0 ? List.of(1.0, 10.0) : Arrays.stream(args).map(Double::parseDouble).toList();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (double scale : scales) {
            run(scale);
        }
    }

    private static void run(double scale) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== scale %s ===%n", scale);
        long t = System.nanoTime();
        SyntheticDistrict district = DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, scale);
        Map<String, List<Feature>> layers = features(district);
        System.out.printf(Locale.ROOT, "generated in %.1f s: %s%n", secs(t), counts(layers));

        String db = PostgisServer.createDatabase();
        HikariDataSource ds = pool(db);
        // CarbonMap's whole schema: the edits timed below also write the history and the change log
        TestStores.migrate(ds);
        t = System.nanoTime();
        try (Connection c = PostgisServer.connect(db)) {
            for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
                PostgisReference.load(c, e.getKey(), e.getValue());
            }
        }
        System.out.printf(Locale.ROOT, "loaded into PostGIS in %.1f s%n", secs(t));

        Map<String, PostgisReference.Figures> reference;
        t = System.nanoTime();
        try (Connection c = PostgisServer.connect(db)) {
            reference = PostgisReference.compute(c, DEFS);
        }
        double postgis = secs(t);
        System.out.printf(Locale.ROOT, "PostGIS, every unit (%d units):            %8.2f s%n", reference.size(), postgis);

        FeatureStore store = TestStores.on(ds);
        MetricsEngine engine = new MetricsEngine(store, CATALOG, DEFS, Clock.systemDefaultZone());
        double[] fromStore = new double[5];
        List<UnitMetrics> figures = null;
        for (int i = 0; i < fromStore.length; i++) {
            t = System.nanoTime();
            figures = engine.metrics(true);
            fromStore[i] = secs(t);
        }
        double[] inMemory = new double[5];
        for (int i = 0; i < inMemory.length; i++) {
            t = System.nanoTime();
            IndicatorModel.build(DEFS, layers).compute(2026);
            inMemory[i] = secs(t);
        }
        double engineStore = median(fromStore);
        double engineMemory = median(inMemory);
        System.out.printf(Locale.ROOT, "engine, read from PostGIS + build + compute: %8.2f s  (runs %s)%n", engineStore,
                fmt(fromStore));
        System.out.printf(Locale.ROOT, "engine, build + compute (features in memory): %7.2f s  (runs %s)%n", engineMemory,
                fmt(inMemory));
        System.out.printf(Locale.ROOT, "ratio PostGIS / engine: %.1f× (with reading from PostGIS), %.1f× (in memory)%n",
                postgis / engineStore, postgis / engineMemory);
        System.out.printf(Locale.ROOT, "largest relative difference engine vs PostGIS: %s%n", differences(figures, reference));

        for (String layer : List.of(LayerCatalog.FOREST_PLOTS, LayerCatalog.LAND_COVER, LayerCatalog.PV_ROOFTOPS)) {
            edits(store, engine, CATALOG.get(layer), layers.get(layer).size());
        }
        ds.close();
        heap(db);
    }

    private static void edits(FeatureStore store, MetricsEngine engine, Layer layer, int count) {
        Random random = new Random(7);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = 1 + random.nextInt(count);
            Feature f = store.get(layer, id).orElseThrow();
            AffineTransformation shift = AffineTransformation.translationInstance(0.00005 * (random.nextBoolean() ? 1 : -1), 0);
            FeatureDraft draft = new FeatureDraft(Geometries.toStoredMultiPolygon(shift.transform(f.geometry())),
                    f.attributes(), f.extra());
            store.update(layer, id, f.version(), draft, "bench");
            long t = System.nanoTime();
            engine.metrics(false);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(Double::compare);
        System.out.printf(Locale.ROOT, "after one %s edit, updated figures in: p50 %.1f ms, p95 %.1f ms, max %.1f ms (40 edits)%n",
                layer.name(), ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)), ms.get(ms.size() - 1));
    }

    private static void heap(String db) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                MetricsBenchmark.class.getName(), "--heap", db).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("heap")) {
                    System.out.println(line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            System.out.println("heap: the engine did NOT fit in -Xmx1g (exit " + exit + ")");
        }
    }

    /** In a JVM limited to 1 GB: build the engine from the database, compute, report the heap. */
    private static void heapChild(String db) {
        HikariDataSource ds = pool(db);
        MetricsEngine engine = new MetricsEngine(TestStores.on(ds), CATALOG, DEFS, Clock.systemDefaultZone());
        engine.metrics(true);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long retained = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "heap, engine built from PostGIS in a -Xmx1g JVM: peak %d MB (sum of the heap"
                + " pools' peaks), retained after GC %d MB%n", peak >> 20, retained >> 20);
        engine.metrics(false);
    }

    /** A connection pool, as the application has. */
    private static HikariDataSource pool(String db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisServer.url(db));
        config.setUsername(PostgisServer.user());
        config.setPassword(PostgisServer.password());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static Map<String, List<Feature>> features(SyntheticDistrict district) {
        Map<String, List<Feature>> out = new LinkedHashMap<>();
        for (String layer : SyntheticDistrict.LAYERS) {
            List<Feature> list = new ArrayList<>();
            long id = 1;
            for (GeneratedFeature g : district.features(layer)) {
                list.add(new Feature(id++, layer, 1, Geometries.toStoredMultiPolygon(g.geometry()), g.attributes(),
                        Map.of(), "bench", Instant.EPOCH, "bench", Instant.EPOCH));
            }
            out.put(layer, list);
        }
        return out;
    }

    private static String differences(List<UnitMetrics> figures, Map<String, PostgisReference.Figures> reference) {
        double area = 0;
        double bg = 0;
        double stock = 0;
        int countMismatches = 0;
        for (UnitMetrics m : figures) {
            PostgisReference.Figures r = reference.get(m.unit() + ":" + m.code());
            if (r == null) {
                countMismatches++;
                continue;
            }
            area = Math.max(area, rel(m.areaM2(), r.areaM2()));
            bg = Math.max(bg, rel(m.blueGreenM2(), r.blueGreenM2()));
            stock = Math.max(stock, rel(m.forestStockM3(), r.forestStockM3()));
            if (m.pvEligible() != r.pvEligible() || m.pvInstalled() != r.pvInstalled()) {
                countMismatches++;
            }
        }
        return String.format(Locale.ROOT, "area %.1e, blue-green %.1e, stock %.1e; PV count mismatches %d", area, bg,
                stock, countMismatches);
    }

    private static double rel(double a, double b) {
        return Math.abs(b) < 1000 ? 0 : Math.abs(a / b - 1);
    }

    private static Map<String, Integer> counts(Map<String, List<Feature>> layers) {
        Map<String, Integer> m = new LinkedHashMap<>();
        layers.forEach((k, v) -> m.put(k, v.size()));
        return m;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return sb.toString();
    }
}
