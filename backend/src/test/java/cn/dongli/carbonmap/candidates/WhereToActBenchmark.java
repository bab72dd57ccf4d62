package cn.dongli.carbonmap.candidates;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.dongli.carbonmap.CarbonMapApplication;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.sample.SyntheticDistrict;
import cn.dongli.carbonmap.support.PostgisReference;
import cn.dongli.carbonmap.support.PostgisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where to act at scale, through CarbonMap's HTTP API on PostGIS with a synthetic district: the candidate sites of
 * every unit for the three indicators ({@code GET /api/candidates}), and the rooftop PV potential of every unit
 * ({@code GET /api/pv/potential} for zones, streets and the district), first (cold) and then warm. Not a test: run it
 * with {@code bash scripts/bench-where.sh [scale…]}.
 */
public final class WhereToActBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WhereToActBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> scales = args.length == 0 ? List.of(1.0, 10.0) : Arrays.stream(args).map(Double::parseDouble)
                .toList();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (double scale : scales) {
            run(scale);
        }
        System.exit(0);
    }

    private static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void run(double scale) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== scale %s ===%n", scale);
        SyntheticDistrict district = DistrictGenerator.generate(DistrictGenerator.DEFAULT_SEED, scale);
        Map<String, List<Feature>> layers = new LinkedHashMap<>();
        for (String layer : SyntheticDistrict.LAYERS) {
            List<Feature> list = new ArrayList<>();
            for (GeneratedFeature g : district.features(layer)) {
                list.add(new Feature(0, layer, 1, Geometries.toStoredMultiPolygon(g.geometry()), g.attributes(),
                        Map.of(), "bench", Instant.EPOCH, "bench", Instant.EPOCH));
            }
            layers.put(layer, list);
        }
        String db = PostgisServer.createDatabase();
        ConfigurableApplicationContext app = SpringApplication.run(CarbonMapApplication.class,
                "--spring.profiles.active=postgis", "--server.port=0", "--spring.datasource.url=" + PostgisServer.url(db),
                "--spring.datasource.username=" + PostgisServer.user(),
                "--spring.datasource.password=" + PostgisServer.password(), "--carbonmap.load-sample=false",
                "--carbonmap.unit-metrics-refresh=0s", "--CARBONMAP_ADMIN_PASSWORD=bench-where-1",
                "--carbonmap.data-dir=" + java.nio.file.Files.createTempDirectory("bench-where-"),
                "--logging.level.root=WARN");
        try {
            try (Connection c = PostgisServer.connect(db)) {
                for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
                    PostgisReference.load(c, e.getKey(), e.getValue());
                }
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            layers.forEach((k, v) -> counts.put(k, v.size()));
            System.out.println("loaded: " + counts);
            layers = null;
            district = null;
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            long t = System.nanoTime();
            JsonNode units = get(base, "/api/metrics?unit=all");
            System.out.printf(Locale.ROOT, "live model built, first figures: %.2f s%n", secs(t));
            for (String indicator : List.of("blueGreenShare", "forestCover", "farmlandMu")) {
                List<Double> times = new ArrayList<>();
                String slowest = "";
                double max = 0;
                int candidates = 0;
                for (JsonNode u : units) {
                    String q = "/api/candidates?unit=" + u.get("unit").asString() + "&code=" + u.get("code").asString()
                            + "&indicator=" + indicator;
                    t = System.nanoTime();
                    JsonNode a = get(base, q);
                    double s = secs(t);
                    times.add(s);
                    if (s > max) {
                        max = s;
                        slowest = u.get("unit").asString() + " " + u.get("code").asString() + " ("
                                + a.get("candidateCount").asInt() + " candidates, closing set "
                                + a.get("closingSet").get("count").asInt() + ")";
                    }
                    candidates += a.get("candidateCount").asInt();
                }
                System.out.printf(Locale.ROOT, "candidates, %s, each of %d units: median %.3f s, max %.3f s (%s),"
                        + " all units %.2f s; %d candidates in all%n", indicator, times.size(), median(times), max,
                        slowest, times.stream().mapToDouble(Double::doubleValue).sum(), candidates);
            }
            for (int run = 0; run < 4; run++) {
                t = System.nanoTime();
                int rows = 0;
                for (String unit : List.of("zones", "streets", "district")) {
                    rows += get(base, "/api/pv/potential?unit=" + unit).get("rows").size();
                }
                System.out.printf(Locale.ROOT, "PV potential of every unit (%d rows, three requests), %s: %.3f s%n",
                        rows, run == 0 ? "first (rooftops read from PostGIS)" : "warm run " + run, secs(t));
            }
        } finally {
            app.close();
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? 0 : a[a.length / 2];
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
