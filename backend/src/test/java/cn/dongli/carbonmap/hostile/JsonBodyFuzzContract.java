package cn.dongli.carbonmap.hostile;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write endpoint of CarbonMap, taken from Spring's handler mapping (a new one cannot be forgotten), sent
 * seeded-random and mutated JSON bodies as the admin, over real HTTP: every answer must be below 500, and every
 * refusal RFC 9457 problem JSON. Issue 17, item 8: a long carbon-parameter name, a password over 72 bytes,
 * {@code {"features":[null,null]}} to a merge, a split along a 1e308 line and {@code {"roles":[null]}} each answered
 * 500 before; the fuzzer finds them.
 *
 * <p>Each endpoint gets a valid body of its own ({@link #target}: a fresh feature, scenario or season where the
 * request consumes one), then: every value and container of that body replaced in turn by each of a few values that
 * break readers (null, 1e308, a 300-character string, an array of nulls, an object); every number astronomical (the
 * positions of a line alternately ±1e308); random multi-point mutations
 * from {@link #VALUES}; and bodies that are not the expected shape at all. All randomness comes from one fixed seed,
 * so a failure replays. {@code POST /api/session} is left out: fuzzing sign-in bodies would only throttle the admin.
 */
abstract class JsonBodyFuzzContract {

    private static final long SEED = 17_0008L;
    private static final int RANDOM_BODIES = 12;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STREET_A = "120110000001";
    private static final String STREET_B = "120110000002";

    /** A JSON token written as it is (numbers that overflow, words that are not JSON). */
    private record Raw(String text) {
    }

    private static final String LONG_TEXT = "密".repeat(300);

    /** What the sweep puts at every place of a body, one at a time. */
    private static final List<Object> SWEEP = List.of(nullValue(), new Raw("1e308"), LONG_TEXT,
            new ArrayList<>(java.util.Arrays.asList(null, null)), Map.of());

    /** What the random mutations choose from. */
    private static final List<Object> VALUES = List.of(nullValue(), true, false, 0, -1, new Raw("2147483648"),
            new Raw("9223372036854775808"), new Raw("1e308"), new Raw("-1e308"), new Raw("1e999"), new Raw("-0.0"),
            new Raw("4.9e-324"), 0.5, "", " ", "x".repeat(51), LONG_TEXT, "NaN", "-1", "2024-13-45", "\u0000",
            "'; DROP TABLE account; --", "<script>", List.of(), new ArrayList<>(java.util.Arrays.asList((Object) null)),
            Map.of(), Map.of("a", nullValue()), nested(40));

    /** Tokens that are not JSON, put where a value is. */
    private static final List<String> BROKEN = List.of("NaN", "Infinity", "-Infinity", "1e", "01", "-", "0x10", "1.",
            "undefined", "'x'", "\"\\ud800\"");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    /** The admin, signed in once: a browser session spares the BCrypt check HTTP Basic costs on every request. */
    private HttpApi.Session session;
    private int slot;
    private int seasons;
    private boolean consumed;

    /** A request to send: where, what, and the If-Match it needs. */
    record Target(String path, String contentType, Object body, String ifMatch) {
    }

    record Endpoint(String method, String pattern) {
    }

    @Test
    void everyWriteEndpointAnswersMutatedBodiesWithAProblemBelow500() {
        session = new HttpApi(port).session();
        assertThat(session.signIn("admin", HttpApi.ADMIN_PASSWORD).status()).isEqualTo(200);
        setUp();
        Random random = new Random(SEED);
        List<String> wrong = new ArrayList<>();
        Set<String> fuzzed = new TreeSet<>();
        int sent = 0;
        StringBuilder times = new StringBuilder();
        for (Endpoint e : writeEndpoints()) {
            fuzzed.add(e.method() + " " + e.pattern());
            long started = System.nanoTime();
            int before = sent;
            // a target is made afresh only when a request took it (an answer below 400): most are refused
            Target[] kept = {null};
            Supplier<Target> target = () -> {
                if (kept[0] == null || consumed) {
                    kept[0] = target(e);
                    consumed = false;
                }
                return kept[0];
            };
            Object base = target.get().body();
            // the sweep: each place of the valid body, each breaking value
            for (List<Object> place : places(base).stream().filter(JsonBodyFuzzContract::early).toList()) {
                for (Object value : SWEEP) {
                    Target t = target.get();
                    sent++;
                    send(e, t, replace(t.body(), place, value), wrong);
                }
            }
            // every number astronomical, pairs (positions) alternately far east-north and far west-south
            Target far = target.get();
            sent++;
            send(e, far, astronomical(far.body(), new int[1]), wrong);
            // random mutations, several at once
            for (int i = 0; i < RANDOM_BODIES; i++) {
                Target t = target.get();
                Object body = copy(t.body());
                for (int m = 1 + random.nextInt(3); m > 0; m--) {
                    List<List<Object>> at = places(body);
                    if (at.isEmpty()) {
                        body = VALUES.get(random.nextInt(VALUES.size()));
                        continue;
                    }
                    List<Object> place = at.get(random.nextInt(at.size()));
                    body = switch (random.nextInt(4)) {
                        case 0 -> remove(body, place);
                        case 1 -> replace(body, place, new Raw(BROKEN.get(random.nextInt(BROKEN.size()))));
                        default -> replace(body, place, VALUES.get(random.nextInt(VALUES.size())));
                    };
                }
                sent++;
                send(e, t, body, wrong);
            }
            // not the expected shape at all
            for (String text : List.of("", "null", "[]", "\"x\"", "1e308", "[null,null]", "{\"features\":[null,null]}",
                    "{", "{\"a\":", "[".repeat(2_000) + "]".repeat(2_000), "{\"a\":1,\"a\":2}", "\uFEFF{}")) {
                Target t = target.get();
                sent++;
                send(e, t, new Raw(text), wrong);
            }
            times.append(String.format("%n%6d ms %4d requests  %s %s", (System.nanoTime() - started) / 1_000_000,
                    sent - before, e.method(), e.pattern()));
        }
        System.out.println("JSON body fuzzer, per endpoint:" + times);
        assertThat(fuzzed).as("the write endpoints fuzzed").hasSizeGreaterThan(25);
        assertThat(wrong).as(wrong.size() + " of " + sent + " requests answered wrongly").isEmpty();
    }

    private void send(Endpoint e, Target t, Object body, List<String> wrong) {
        String text = body instanceof Raw r ? r.text() : write(body);
        HttpApi.Response r = session.sendMatching(e.method(), t.path(), t.contentType(), text, t.ifMatch());
        consumed = r.status() < 400;
        String type = String.valueOf(r.header("Content-Type"));
        boolean problem = r.status() < 400 || (type.startsWith("application/problem+json")
                && r.body().contains("\"status\":" + r.status()));
        if (r.status() >= 500 || !problem) {
            if (wrong.size() < 40) {
                wrong.add(e.method() + " " + t.path() + " " + abbreviate(text) + " → " + r.status() + " " + type
                        + " " + abbreviate(r.body()));
            } else if (wrong.size() == 40) {
                wrong.add("…");
            }
        }
    }

    // --- the endpoints and their valid bodies -------------------------------------------------------------------

    List<Endpoint> writeEndpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("cn.dongli.carbonmap")) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
                    if (m != RequestMethod.GET && m != RequestMethod.HEAD && m != RequestMethod.OPTIONS
                            && !pattern.equals("/api/session")) {
                        out.add(new Endpoint(m.name(), pattern));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing((Endpoint x) -> x.pattern()).thenComparing(Endpoint::method));
        return out;
    }

    private void setUp() {
        String streets = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(box(117.40, 39.10, 117.42, 39.12), "{\"code\":\"" + STREET_A + "\",\"name\":\"甲街道\"}") + ","
                + feature(box(117.42, 39.10, 117.44, 39.12), "{\"code\":\"" + STREET_B + "\",\"name\":\"乙街道\"}") + "]}";
        assertThat(post("/api/layers/streets/import", "application/geo+json", streets).status()).isEqualTo(200);
        assertThat(post("/api/accounts", "application/json", "{\"username\":\"fuzz_target\",\"password\":"
                + "\"a-long-password-1\",\"roles\":[\"VIEWER\"]}").status()).isEqualTo(201);
    }

    /** A valid request to the endpoint, on things of its own where the request uses them up. */
    private Target target(Endpoint e) {
        String p = e.pattern();
        String json = "application/json";
        String geo = "application/geo+json";
        return switch (e.method() + " " + p) {
            case "POST /api/layers/{layer}/features" -> new Target("/api/layers/parks/features", geo, park(117.43,
                    39.11), null);
            case "PUT /api/layers/{layer}/features/{id}" -> new Target("/api/layers/parks/features/" + freshPark(),
                    geo, park(117.431, 39.111), "\"1\"");
            case "DELETE /api/layers/{layer}/features/{id}" -> new Target("/api/layers/parks/features/" + freshPark(),
                    json, Map.of(), "\"1\"");
            case "POST /api/layers/{layer}/features/{id}/split" -> {
                long id = freshPark();
                double[] at = corner(slot - 1);
                yield new Target("/api/layers/parks/features/" + id + "/split", json, Map.of("line", Map.of("type",
                        "LineString", "coordinates", List.of(List.of(at[0] - 0.0001, at[1] + 0.00005),
                                List.of(at[0] + 0.0002, at[1] + 0.00005)))), "\"1\"");
            }
            case "POST /api/layers/{layer}/merge" -> new Target("/api/layers/parks/merge", json, Map.of("features",
                    List.of(Map.of("id", freshPark(), "version", 1), Map.of("id", freshPark(), "version", 1))), null);
            case "POST /api/layers/{layer}/features/{id}/restore" -> new Target("/api/layers/parks/features/"
                    + freshPark() + "/restore", json, Map.of("version", 1), null);
            case "POST /api/layers/{layer}/import" -> new Target("/api/layers/parks/import", geo,
                    Map.of("type", "FeatureCollection", "features", List.of(park(117.435, 39.115))), null);
            case "POST /api/geometry/check" -> new Target("/api/geometry/check?layer=parks", geo, park(117.432,
                    39.112), null);
            case "POST /api/geometry/make-valid" -> new Target("/api/geometry/make-valid", json,
                    ((Map<?, ?>) park(117.433, 39.113)).get("geometry"), null);
            case "PUT /api/pv/parameters/{key}" -> new Target("/api/pv/parameters/module_kwp_per_m2", json,
                    Map.of("value", 0.2, "source", "fuzz"), null);
            case "POST /api/plan/indicators/{id}/values" -> new Target("/api/plan/indicators/transport-2/values",
                    json, Map.of("year", 2024, "value", "31.5%", "note", "fuzz"), null);
            case "PUT /api/carbon/parameters/{species}" -> new Target("/api/carbon/parameters/poplar", json,
                    map("nameZh", "杨树", "woodDensity", 0.378, "bef", 1.446, "rootShoot", 0.227, "carbonFraction",
                            0.4956, "source", "fuzz"), null);
            case "POST /api/seasons" -> new Target("/api/seasons", json, map("code", "F" + (++seasons), "name",
                    "秋季", "surveyDate", "2025-10-01", "withLandCover", false), null);
            case "POST /api/seasons/{code}/close" -> new Target("/api/seasons/" + freshSeason() + "/close", json,
                    Map.of(), null);
            case "POST /api/seasons/{code}/import" -> new Target("/api/seasons/P" + (++seasons)
                    + "/import?name=past&surveyDate=2020-10-01", geo, Map.of("type", "FeatureCollection",
                    "features", List.of(plot(117.405, 39.105))), null);
            case "POST /api/seasons/{code}/plots/{id}/surveyed" -> new Target("/api/seasons/none/plots/1/surveyed",
                    json, Map.of(), null);
            case "POST /api/accounts" -> new Target("/api/accounts", json, map("username", "fuzz_" + (++slot),
                    "password", "a-long-password-1", "roles", List.of("EDITOR"), "layers", List.of("parks"),
                    "street", STREET_A, "enabled", true, "planValues", false), null);
            case "PUT /api/accounts/{username}" -> new Target("/api/accounts/fuzz_target", json, map("password",
                    "a-long-password-2", "roles", List.of("VIEWER"), "layers", List.of("parks"), "street", STREET_B,
                    "enabled", true, "planValues", false), null);
            case "POST /api/scenarios" -> new Target("/api/scenarios", json, scenario(), null);
            case "PUT /api/scenarios/{id}" -> new Target("/api/scenarios/" + freshScenario(), json, scenario(),
                    "\"1\"");
            case "DELETE /api/scenarios/{id}" -> new Target("/api/scenarios/" + freshScenario(), json, Map.of(),
                    "\"1\"");
            case "POST /api/scenarios/{id}/duplicate" -> new Target("/api/scenarios/" + freshScenario()
                    + "/duplicate", json, Map.of("name", "副本"), null);
            case "PUT /api/scenarios/{id}/projects" -> new Target("/api/scenarios/" + freshScenario() + "/projects",
                    json, map("layer", "parks", "ids", List.of(freshPark()), "done", true), null);
            case "POST /api/scenarios/{id}/features/{layer}" -> new Target("/api/scenarios/" + freshScenario()
                    + "/features/parks", geo, park(117.434, 39.114), null);
            case "PUT /api/scenarios/{id}/features/{layer}/{draftId}" -> {
                long s = freshScenario();
                HttpApi.Response d = post("/api/scenarios/" + s + "/features/parks", geo,
                        write(park(117.436, 39.116)));
                assertThat(d.status()).as(d.body()).isEqualTo(201);
                yield new Target("/api/scenarios/" + s + "/features/parks/" + d.json().get("id").longValue(), geo,
                        park(117.437, 39.116), "\"1\"");
            }
            case "POST /api/scenarios/{id}/check" -> new Target("/api/scenarios/" + freshScenario()
                    + "/check?layer=parks", geo, park(117.438, 39.117), null);
            case "POST /api/candidates/drafts" -> new Target("/api/candidates/drafts", json, map("unit", "street",
                    "code", STREET_A, "indicator", "forest-cover", "newScenario", Map.of("name", "候选", "year", 2030),
                    "ids", List.of(Map.of("layer", "parks", "id", 1))), null);
            default -> new Target(pathOf(p), json, Map.of(), "\"1\"");
        };
    }

    private HttpApi.Response post(String path, String contentType, String body) {
        return session.sendMatching("POST", path, contentType, body, null);
    }

    private static String pathOf(String pattern) {
        return pattern.replace("{layer}", "parks").replace("{id}", "1").replace("{code}", "none")
                .replace("{username}", "fuzz_target").replace("{species}", "poplar").replace("{draftId}", "1")
                .replace("{key}", "module_kwp_per_m2").replace("{unit}", "street");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> scenario() {
        return map("name", "方案", "description", "fuzz", "year", 2030, "shared", false, "countAsDone",
                Map.of("parks", List.of("planned")), "countAsDoneUpToYear", 2030);
    }

    private static Object park(double lon, double lat) {
        return parse(feature(box(lon, lat, lon + 0.0005, lat + 0.0005), "{\"name\":\"公园\",\"status\":\"built\"}"));
    }

    private static Object plot(double lon, double lat) {
        return parse(feature(box(lon, lat, lon + 0.0005, lat + 0.0005), "{\"plot_code\":\"F-1\",\"species\":"
                + "\"poplar\",\"canopy_closure\":0.5,\"stock_m3\":10}"));
    }

    /** The corner of a fresh park's slot: a grid in street A, none overlapping another. */
    private static double[] corner(int k) {
        return new double[] {117.401 + (k % 80) * 0.0002, 39.101 + (k / 80) * 0.0002};
    }

    private long freshPark() {
        double[] at = corner(slot++);
        HttpApi.Response r = post("/api/layers/parks/features", "application/geo+json",
                feature(box(at[0], at[1], at[0] + 0.0001, at[1] + 0.0001), "{\"name\":\"靶\",\"status\":\"built\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").longValue();
    }

    private long freshScenario() {
        HttpApi.Response r = post("/api/scenarios", "application/json", "{\"name\":\"靶\",\"year\":2030}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").longValue();
    }

    /** A season just opened (the one open before is closed). */
    private String freshSeason() {
        session.get("/api/seasons").json().valueStream().filter(s -> s.get("state").asString().equals("open"))
                .forEach(s -> post("/api/seasons/" + s.get("code").asString() + "/close", "application/json",
                        ""));
        String code = "C" + (++seasons);
        HttpApi.Response r = post("/api/seasons", "application/json", "{\"code\":\"" + code
                + "\",\"name\":\"靶\",\"surveyDate\":\"2025-10-01\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return code;
    }

    // --- bodies as Java values ----------------------------------------------------------------------------------

    private static Object nullValue() {
        return new Raw("null");
    }

    private static Object nested(int depth) {
        Object v = 1;
        for (int i = 0; i < depth; i++) {
            v = List.of(v);
        }
        return v;
    }

    private static Object parse(String json) {
        return JSON.readValue(json, Object.class);
    }

    private static Object copy(Object body) {
        if (body instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (body instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return body;
    }

    /** A copy of the body with its n-th number replaced by 1e308 or -1e308 (n / 2 even or odd). */
    private static Object astronomical(Object body, int[] n) {
        if (body instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, astronomical(v, n)));
            return out;
        }
        if (body instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(astronomical(v, n)));
            return out;
        }
        if (body instanceof Number) {
            return new Raw((n[0]++ / 2) % 2 == 0 ? "1e308" : "-1e308");
        }
        return body;
    }

    /** A place the sweep visits: not beyond the second element of a list (a ring's third corner is like its second). */
    private static boolean early(List<Object> place) {
        return place.stream().noneMatch(k -> k instanceof Integer i && i > 1);
    }

    /** Every place in the body (a path of keys and indexes), the root left out. */
    private static List<List<Object>> places(Object body) {
        List<List<Object>> out = new ArrayList<>();
        collect(body, new ArrayList<>(), out);
        return out;
    }

    private static void collect(Object node, List<Object> path, List<List<Object>> out) {
        if (!path.isEmpty()) {
            out.add(List.copyOf(path));
        }
        if (node instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                path.add(k);
                collect(m.get(k), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                collect(l.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    /** A copy of the body with the value at the place replaced. */
    @SuppressWarnings("unchecked")
    private static Object replace(Object body, List<Object> place, Object value) {
        Object root = copy(body);
        Object parent = root;
        for (int i = 0; i < place.size() - 1; i++) {
            Object key = place.get(i);
            parent = parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
        }
        Object last = place.get(place.size() - 1);
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put((String) last, copy(value));
        } else {
            ((List<Object>) parent).set((Integer) last, copy(value));
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Object remove(Object body, List<Object> place) {
        Object root = copy(body);
        Object parent = root;
        for (int i = 0; i < place.size() - 1; i++) {
            Object key = place.get(i);
            parent = parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
        }
        Object last = place.get(place.size() - 1);
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).remove(last);
        } else {
            ((List<Object>) parent).remove((int) (Integer) last);
        }
        return root;
    }

    /** The JSON text of a body; {@link Raw} tokens as they are. */
    private static String write(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Raw r) {
            return r.text();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? "," : "").append(write(String.valueOf(k))).append(':')
                    .append(write(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? "," : "").append(write(x)));
            return b.append(']').toString();
        }
        if (v instanceof String s) {
            return JSON.writeValueAsString(s);
        }
        return String.valueOf(v);
    }

    private static String abbreviate(String s) {
        return s.length() <= 240 ? s : s.substring(0, 240) + "…";
    }
}
