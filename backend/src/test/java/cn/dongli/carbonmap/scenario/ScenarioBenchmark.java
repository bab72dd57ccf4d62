package cn.dongli.carbonmap.scenario;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.sample.DistrictGenerator;
import cn.dongli.carbonmap.sample.GeneratedFeature;
import cn.dongli.carbonmap.sample.SyntheticDistrict;
import cn.dongli.carbonmap.support.PostgisReference;
import cn.dongli.carbonmap.support.PostgisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Planning scenarios at scale, through CarbonMap's own HTTP API: CarbonMap runs in this JVM on a fresh PostGIS
 * database holding a synthetic district, and the benchmark times, each followed by the scenario's figures
 * ({@code GET /api/scenarios/{id}/metrics}): creating a scenario that counts the planned and building parks and
 * farmland as done; ticking one project; saving one draft edit (a land-cover parcel reclassified). Then it opens ten
 * scenarios with drafts and reports the heap they hold against the live model's. Not a test: run it with
 * {@code bash scripts/bench-scenarios.sh [scale…]}.
 */
public final class ScenarioBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "bench-scenarios-1";
    private static final java.net.CookieManager COOKIES = new java.net.CookieManager();
    /** A browser's way: signed in once, a session cookie and the CSRF token (HTTP Basic would hash every request). */
    private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(COOKIES).build();

    private ScenarioBenchmark() {
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

    private record Api(String base) {
        JsonNode send(String method, String path, String type, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("X-Requested-With", "CarbonMap")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            COOKIES.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                    .ifPresent(c -> b.header("X-XSRF-TOKEN", c.getValue()));
            if (type != null) {
                b.header("Content-Type", type);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        }

        JsonNode get(String path) throws Exception {
            return send("GET", path, null, null);
        }
    }

    private static void run(double scale) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== scale %s ===%n", scale);
        long t = System.nanoTime();
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
        Map<String, Integer> counts = new LinkedHashMap<>();
        layers.forEach((k, v) -> counts.put(k, v.size()));
        System.out.printf(Locale.ROOT, "generated in %.1f s: %s%n", secs(t), counts);
        String db = PostgisServer.createDatabase();
        ConfigurableApplicationContext app = SpringApplication.run(CarbonMapApplication.class,
                "--spring.profiles.active=postgis", "--server.port=0", "--spring.datasource.url=" + PostgisServer.url(db),
                "--spring.datasource.username=" + PostgisServer.user(),
                "--spring.datasource.password=" + PostgisServer.password(), "--carbonmap.load-sample=false",
                "--carbonmap.unit-metrics-refresh=0s", "--CARBONMAP_ADMIN_PASSWORD=" + PASSWORD,
                "--carbonmap.data-dir=" + java.nio.file.Files.createTempDirectory("bench-scenarios-"),
                "--logging.level.root=WARN");
        try {
            t = System.nanoTime();
            try (Connection c = PostgisServer.connect(db)) {
                for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
                    PostgisReference.load(c, e.getKey(), e.getValue());
                }
            }
            layers = null;
            district = null;
            System.out.printf(Locale.ROOT, "loaded into PostGIS in %.1f s%n", secs(t));
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Api api = new Api("http://127.0.0.1:" + port);
            COOKIES.getCookieStore().removeAll();
            api.send("POST", "/api/session", "application/json", "{\"username\":\"admin\",\"password\":\""
                    + PASSWORD + "\"}");
            MetricsEngine engine = app.getBean(MetricsEngine.class);
            long heapBefore = usedHeapAfterGc();
            t = System.nanoTime();
            api.get("/api/metrics?unit=all");
            System.out.printf(Locale.ROOT, "live model built and first figures in %.2f s%n", secs(t));
            long liveModel = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "heap held by the live model: %d MB%n", liveModel >> 20);

            // creating a scenario
            t = System.nanoTime();
            long id = api.send("POST", "/api/scenarios", "application/json", "{\"name\":\"bench\",\"year\":2025,"
                    + "\"countAsDone\":{\"parks\":[\"planned\",\"under_construction\"],\"farmland\":[\"planned\","
                    + "\"under_construction\"]}}").get("id").longValue();
            double created = ms(t);
            t = System.nanoTime();
            api.get("/api/scenarios/" + id + "/metrics?unit=all");
            System.out.printf(Locale.ROOT, "create a scenario (%d projects counted as done): POST %.1f ms, then its"
                    + " figures %.1f ms%n", engine.scenarioSizes().get(id), created, ms(t));

            // ticking one project
            List<Long> projects = new ArrayList<>();
            api.get("/api/scenarios/" + id + "/projects?layer=parks").forEach(p -> projects.add(p.get("id").longValue()));
            List<Double> tickWrite = new ArrayList<>();
            List<Double> tickFigures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long project = projects.get(i % projects.size());
                t = System.nanoTime();
                api.send("PUT", "/api/scenarios/" + id + "/projects", "application/json", "{\"layer\":\"parks\","
                        + "\"ids\":[" + project + "],\"done\":" + (i % 2 == 0 ? "false" : "null") + "}");
                tickWrite.add(ms(t));
                t = System.nanoTime();
                api.get("/api/scenarios/" + id + "/metrics?unit=all");
                tickFigures.add(ms(t));
            }
            System.out.printf(Locale.ROOT, "tick one project (20 times): PUT %s; then the figures %s; together %s%n",
                    stats(tickWrite), stats(tickFigures), stats(sum(tickWrite, tickFigures)));

            // saving one draft edit
            JsonNode page = api.get("/api/layers/land_cover/features?limit=400&offset=200");
            List<Double> draftWrite = new ArrayList<>();
            List<Double> draftFigures = new ArrayList<>();
            int made = 0;
            for (JsonNode f : page.get("features")) {
                if (made == 20) {
                    break;
                }
                String cls = f.get("properties").get("class").asString();
                if (!cls.equals("built") && !cls.equals("bare") && !cls.equals("cropland")) {
                    continue;
                }
                t = System.nanoTime();
                reclassify(api, id, f, cls.equals("cropland") ? "built" : "park_green");
                draftWrite.add(ms(t));
                t = System.nanoTime();
                api.get("/api/scenarios/" + id + "/metrics?unit=all");
                draftFigures.add(ms(t));
                made++;
            }
            System.out.printf(Locale.ROOT, "save one draft edit (%d parcels reclassified): POST %s; then the figures"
                    + " %s; together %s%n", made, stats(draftWrite), stats(draftFigures),
                    stats(sum(draftWrite, draftFigures)));

            // ten open scenarios
            long beforeTen = usedHeapAfterGc();
            List<JsonNode> parcels = new ArrayList<>();
            api.get("/api/layers/land_cover/features?limit=200&offset=1000").get("features").forEach(parcels::add);
            for (int s = 0; s < 10; s++) {
                long sid = api.send("POST", "/api/scenarios", "application/json", "{\"name\":\"open " + s
                        + "\",\"year\":2030,\"countAsDone\":{\"parks\":[\"planned\"]}}").get("id").longValue();
                for (int d = 0; d < 5; d++) {
                    JsonNode f = parcels.get(s * 5 + d);
                    reclassify(api, sid, f, "wetland".equals(f.get("properties").get("class").asString()) ? "water"
                            : "wetland");
                }
                api.get("/api/scenarios/" + sid + "/metrics?unit=all");
            }
            long ten = usedHeapAfterGc() - beforeTen;
            System.out.printf(Locale.ROOT, "ten more open scenarios (parks planned counted as done, 5 drafts each):"
                    + " heap %.1f MB in all, %.2f MB each (%.2f %% of the live model each); features held per"
                    + " scenario: %s%n", ten / 1048576.0, ten / 10 / 1048576.0, 100.0 * ten / 10 / Math.max(1, liveModel),
                    engine.scenarioSizes().values());
        } finally {
            app.close();
        }
    }

    /** A draft of a land-cover parcel (as the features API gave it) with another class. */
    private static void reclassify(Api api, long scenario, JsonNode parcel, String cls) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(parcel, Map.class);
        m.remove("meta");
        m.remove("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) m.get("properties");
        props.put("class", cls);
        api.send("POST", "/api/scenarios/" + scenario + "/features/land_cover?replaces=" + parcel.get("id").longValue()
                + "&liveVersion=" + parcel.get("meta").get("version").intValue(), "application/geo+json",
                JSON.writeValueAsString(m));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Double> sum(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) + b.get(i));
        }
        return out;
    }

    private static String stats(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, max %.1f ms", s.get(s.size() / 2),
                s.get((int) Math.min(s.size() - 1, Math.round(s.size() * 0.95) - 1)), s.get(s.size() - 1));
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
