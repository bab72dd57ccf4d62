package cn.dongli.carbonmap.layer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
            mapTiles(app, store, layer, all);
        } finally {
            app.close();
        }
    }

    /**
     * The map's densest tile of forest plots as the web map fetches it (a zoom-11 tile, pages of 5,000, simplified by
     * 8 m, 6 decimals), over HTTP: cold (first after a write to the layer), warm (again, and revalidated with its
     * ETag), after an edit of a plot in another tile, and after an edit of a plot inside it.
     */
    private static void mapTiles(ConfigurableApplicationContext app, FeatureStore store, Layer layer, Envelope all)
            throws Exception {
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        int z = 11;
        Envelope densest = null;
        long most = -1;
        int x0 = lonToX(all.getMinX(), z), x1 = lonToX(all.getMaxX(), z);
        int y0 = latToY(all.getMaxY(), z), y1 = latToY(all.getMinY(), z);
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                Envelope tile = new Envelope(xToLon(x, z), xToLon(x + 1, z), yToLat(y + 1, z), yToLat(y, z));
                long n = store.countMatching(layer, Geometries.STORAGE.toGeometry(tile), List.of());
                if (n > most) {
                    most = n;
                    densest = tile;
                }
            }
        }
        Envelope tile = densest;
        String bbox = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", densest.getMinX(), densest.getMinY(),
                densest.getMaxX(), densest.getMaxY());
        System.out.printf(Locale.ROOT, "densest zoom-%d tile: %,d plots (bbox %s)%n", z, most, bbox);
        Feature inside = store.find(layer, Geometries.STORAGE.toGeometry(densest), List.of(), 1, 0).get(0);
        Feature outside = store.find(layer, (Geometry) null, List.of(), 5000, 0).stream()
                .filter(f -> !f.geometry().getEnvelopeInternal().intersects(tile)).findFirst().orElseThrow();
        // the store's part: the tile's plots read page by page as the API reads them
        long t = System.nanoTime();
        long after = 0;
        int read = 0;
        for (List<Feature> page; !(page = store.findAfter(layer, Geometries.STORAGE.toGeometry(tile), List.of(), 5000,
                after)).isEmpty(); after = page.get(page.size() - 1).id()) {
            read += page.size();
        }
        System.out.printf(Locale.ROOT, "the store reads the tile's %,d plots in pages of 5,000 in %.3f s%n", read,
                secs(t));
        HttpClient http = HttpClient.newHttpClient();
        layerList(http, base);
        TileFetch cold = fetchTile(http, base, bbox, null);
        TileFetch warm = fetchTile(http, base, bbox, null);
        TileFetch revalidated = fetchTile(http, base, bbox, warm);
        edit(store, layer, outside);
        TileFetch afterFar = fetchTile(http, base, bbox, warm);
        edit(store, layer, inside);
        TileFetch afterNear = fetchTile(http, base, bbox, warm);
        TileFetch warmAgain = fetchTile(http, base, bbox, null);
        // an import of one plot far away changes every area: nothing kept is valid, but the JVM is warm now
        Map<String, Object> copy = new HashMap<>(outside.attributes());
        copy.put("plot_code", outside.attributes().get("plot_code") + "-B");
        store.importFeatures(layer, List.of(new FeatureDraft(outside.geometry(), copy, Map.of())), false, "bench");
        TileFetch coldWarmJvm = fetchTile(http, base, bbox, warm);
        System.out.println("tile fetch | pages | features | 304s | bytes sent | time");
        Map<String, TileFetch> fetches = new java.util.LinkedHashMap<>();
        fetches.put("cold (first after the import)", cold);
        fetches.put("warm", warm);
        fetches.put("warm, revalidated with ETags", revalidated);
        fetches.put("after an edit in another tile, revalidated", afterFar);
        fetches.put("after an edit inside it, revalidated", afterNear);
        fetches.put("warm again", warmAgain);
        fetches.put("cold again after an import (nothing kept, JVM warm), revalidated", coldWarmJvm);
        for (Map.Entry<String, TileFetch> e : fetches.entrySet()) {
            TileFetch f = e.getValue();
            System.out.printf(Locale.ROOT, "%s | %d | %,d | %d | %,d | %.3f s%n", e.getKey(), f.pages(),
                    f.features(), f.notModified(), f.bytes(), f.seconds());
        }
    }

    /**
     * {@code /api/layers} (every page load asks for it): the first time after the import, which counts the layer and
     * takes its extent, then the median and maximum of 50 more, which find them kept with the layer's revision.
     */
    private static void layerList(HttpClient http, String base) throws Exception {
        HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/api/layers")).build();
        long t = System.nanoTime();
        http.send(list, HttpResponse.BodyHandlers.discarding());
        double first = secs(t);
        double[] times = new double[50];
        for (int i = 0; i < times.length; i++) {
            t = System.nanoTime();
            http.send(list, HttpResponse.BodyHandlers.discarding());
            times[i] = secs(t);
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "/api/layers: first after the import %.1f ms, then median %.1f ms, max %.1f ms%n",
                first * 1e3, times[times.length / 2] * 1e3, times[times.length - 1] * 1e3);
    }

    /** A tile fetched page by page: pages, features received, pages answered 304, seconds, bytes sent (gzipped); each page's address and ETag. */
    private record TileFetch(int pages, int features, int notModified, double seconds, long bytes, List<String> urls,
                             List<String> etags) {
    }

    /**
     * Fetches a tile as the web map does, following each page's {@code next} (or, where a server has none, the next
     * {@code offset}); with {@code previous}, each page is revalidated with the ETag it had then (a 304 goes on to the
     * page that followed it then).
     */
    private static TileFetch fetchTile(HttpClient http, String base, String bbox, TileFetch previous)
            throws Exception {
        long t = System.nanoTime();
        int features = 0;
        int notModified = 0;
        long gzipBytes = 0;
        List<String> urls = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        String next = "/api/layers/forest_plots/features?bbox=" + bbox + "&limit=5000&simplify=8&precision=6"
                + "&after=0";
        while (next != null) {
            int page = urls.size();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + next))
                    .header("Accept-Encoding", "gzip");
            boolean same = previous != null && page < previous.urls().size() && previous.urls().get(page).equals(next);
            if (same) {
                request.header("If-None-Match", previous.etags().get(page));
            }
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            urls.add(next);
            tags.add(r.headers().firstValue("ETag").orElse(""));
            if (r.statusCode() == 304 && same) {
                notModified++;
                next = page + 1 < previous.urls().size() ? previous.urls().get(page + 1) : null;
                continue;
            }
            byte[] bytes = r.body();
            gzipBytes += bytes.length;
            if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                bytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException(next + " answered " + r.statusCode() + ": "
                        + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            String text = new String(bytes, Math.max(0, bytes.length - 2000), Math.min(bytes.length, 2000),
                    java.nio.charset.StandardCharsets.UTF_8);
            // the members after the features (a browser parses the whole page; this measures the server)
            tools.jackson.databind.JsonNode body = JSON.readTree("{" + text.substring(text.lastIndexOf("],") + 2));
            int n = body.get("numberReturned").asInt();
            features += n;
            if (body.hasNonNull("next")) {
                next = body.get("next").asString();
            } else if (n == 5000) {
                next = urls.get(0) + "&offset=" + 5000 * (page + 1);
            } else {
                next = null;
            }
        }
        return new TileFetch(urls.size(), features, notModified, secs(t), gzipBytes, urls, tags);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** Moves a plot's attributes by a new version (same geometry), as a surveyor's save would. */
    private static void edit(FeatureStore store, Layer layer, Feature f) {
        Feature now = store.get(layer, f.id()).orElseThrow();
        store.update(layer, now.id(), now.version(), new FeatureDraft(now.geometry(),
                new HashMap<>(now.attributes()), now.extra()), "bench");
    }

    private static int lonToX(double lon, int z) {
        return (int) Math.floor((lon + 180) / 360 * (1 << z));
    }

    private static int latToY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    private static double xToLon(int x, int z) {
        return (double) x / (1 << z) * 360 - 180;
    }

    private static double yToLat(int y, int z) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2.0 * y / (1 << z)))));
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
