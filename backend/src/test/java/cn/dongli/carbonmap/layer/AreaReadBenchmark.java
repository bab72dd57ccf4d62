package cn.dongli.carbonmap.layer;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import cn.dongli.carbonmap.CarbonMapApplication;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.support.PostgisServer;

/**
 * Reads by area on both stores as the boxes grow: the forest plots of the synthetic district at a scale, then boxes
 * around the district's centre from a street block to the whole district, each read counted, as a first page
 * ({@code limit=1}), as a 1,000-feature page at the end of the box ({@code offset}) and streamed whole. Prints the
 * time per candidate (the slope): it stays flat where the cost grows with the box, and grows with the box where a
 * path is quadratic. Not a test: {@code bash scripts/bench-area-reads.sh [scale…]}.
 */
public final class AreaReadBenchmark {

    private AreaReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> scales = args.length == 0 ? List.of(1.0, 10.0) : Arrays.stream(args).map(Double::parseDouble)
                .toList();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (double scale : scales) {
            List<FeatureDraft> plots = new ArrayList<>();
            for (GeneratedFeature g : DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, scale)
                    .features(LayerCatalog.FOREST_PLOTS)) {
                plots.add(new FeatureDraft(Geometries.toStoredMultiPolygon(g.geometry()), new HashMap<>(g.attributes()),
                        java.util.Map.of()));
            }
            for (String profile : List.of("embedded", "postgis")) {
                run(scale, profile, plots);
            }
        }
        System.exit(0);
    }

    private static void run(double scale, String profile, List<FeatureDraft> plots) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--server.port=0", "--carbonmap.load-sample=false",
                "--CARBONMAP_ADMIN_PASSWORD=bench-area-1", "--logging.level.root=WARN",
                "--carbonmap.data-dir=" + Files.createTempDirectory("bench-area-")));
        if (profile.equals("postgis")) {
            String db = PostgisServer.createDatabase();
            argv.addAll(List.of("--spring.profiles.active=postgis", "--spring.datasource.url=" + PostgisServer.url(db),
                    "--spring.datasource.username=" + PostgisServer.user(),
                    "--spring.datasource.password=" + PostgisServer.password()));
        }
        ConfigurableApplicationContext app = SpringApplication.run(CarbonMapApplication.class,
                argv.toArray(String[]::new));
        try {
            FeatureStore store = app.getBean(FeatureStore.class);
            Layer layer = app.getBean(LayerCatalog.class).get(LayerCatalog.FOREST_PLOTS);
            long t = System.nanoTime();
            store.importFeatures(layer, plots, true, "bench");
            System.out.printf(Locale.ROOT, "%n=== scale %s, %s: %,d forest plots imported in %.1f s ===%n", scale,
                    profile, plots.size(), secs(t));
            Envelope all = store.extent(layer).orElseThrow();
            // warm: the boxes in memory of the embedded store are loaded once
            store.countMatching(layer, box(all, 0.01), List.of());
            System.out.println("box side (share of the district) | features | count | first page | last page of"
                    + " 1,000 | stream all | µs per feature (count, stream)");
            for (double side : new double[] {0.05, 0.1, 0.2, 0.4, 0.7, 1.0}) {
                Geometry box = box(all, side);
                t = System.nanoTime();
                long n = store.countMatching(layer, box, List.of());
                double count = secs(t);
                t = System.nanoTime();
                store.find(layer, box, List.of(), 1, 0);
                double first = secs(t);
                t = System.nanoTime();
                store.find(layer, box, List.of(), 1000, Math.max(0, n - 1000));
                double last = secs(t);
                long[] streamed = new long[1];
                t = System.nanoTime();
                store.forEach(layer, box, List.of(), f -> streamed[0]++);
                double stream = secs(t);
                System.out.printf(Locale.ROOT, "%.2f | %,d | %.3f s | %.3f s | %.3f s | %.3f s | %.2f, %.2f%n", side,
                        n, count, first, last, stream, n == 0 ? 0 : count / n * 1e6, n == 0 ? 0 : stream / n * 1e6);
            }
        } finally {
            app.close();
        }
    }

    private static Geometry box(Envelope all, double side) {
        double w = all.getWidth() * side / 2;
        double h = all.getHeight() * side / 2;
        Envelope e = new Envelope(all.centre().x - w, all.centre().x + w, all.centre().y - h, all.centre().y + h);
        return Geometries.STORAGE.toGeometry(e);
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
