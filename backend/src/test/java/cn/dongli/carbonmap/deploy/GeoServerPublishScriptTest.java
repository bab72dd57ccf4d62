package cn.dongli.carbonmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docker/publish-geoserver.sh} against a stand-in for GeoServer's REST API (GeoServer itself cannot be installed
 * here): the stand-in keeps the resources the script creates and answers GETs with 200 or 404 as GeoServer does. The
 * first run creates the workspace, the datastore, every style and every layer; a second run creates nothing and
 * updates everything, so the script can be re-run safely. What it sends is what GeoServer's REST API takes.
 */
class GeoServerPublishScriptTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:gs-secret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private final Set<String> resources = Collections.synchronizedSet(new HashSet<>());
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> bodies = Collections.synchronizedMap(new HashMap<>());
    private final List<String> allBodies = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void standIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/geoserver/rest", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFirstRunCreatesEverythingAndASecondRunOnlyUpdates() throws Exception {
        run();
        List<String> first = List.copyOf(calls);
        assertThat(first).contains("POST /workspaces", "POST /workspaces/carbonmap/datastores",
                "POST /workspaces/carbonmap/styles?name=land_cover",
                "POST /workspaces/carbonmap/styles?name=indicator_blue_green_share",
                "POST /workspaces/carbonmap/datastores/carbonmap_postgis/featuretypes",
                "PUT /layers/carbonmap:forest_plots", "PUT /layers/carbonmap:street_metrics");
        assertThat(first.stream().filter(c -> c.startsWith("POST /workspaces/carbonmap/styles"))).hasSize(10);
        assertThat(first.stream().filter(c -> c.endsWith("/featuretypes"))).hasSize(9);

        // the datastore points at PostGIS with the password; the layers are CGCS2000 with their Chinese titles
        JsonNode store = JSON.readTree(bodies.get("POST /workspaces/carbonmap/datastores")).get("dataStore");
        Map<String, String> params = new HashMap<>();
        store.get("connectionParameters").get("entry").valueStream()
                .forEach(e -> params.put(e.get("@key").asString(), e.get("$").asString()));
        assertThat(params).containsEntry("dbtype", "postgis").containsEntry("host", "postgis")
                .containsEntry("database", "carbonmap").containsEntry("passwd", "pg \"secret\"");
        JsonNode layer = JSON.readTree(bodies.get("PUT /layers/carbonmap:street_metrics")).get("layer");
        assertThat(layer.get("defaultStyle").get("name").asString()).isEqualTo("indicator_blue_green_share");
        assertThat(layer.get("styles").get("style").valueStream().map(s -> s.get("name").asString()))
                .containsExactly("indicator_forest_cover", "indicator_pv_area_share");
        assertThat(bodies.get("POST /workspaces/carbonmap/styles?name=streets"))
                .isEqualTo(Files.readString(Repository.root().resolve("styles/streets.sld")));
        assertThat(allBodies).anyMatch(b -> b.contains("\"title\":\"林地小班 · Forest plots\""));

        calls.clear();
        run();
        assertThat(calls).noneMatch(c -> c.startsWith("POST"));
        assertThat(calls).contains("PUT /workspaces/carbonmap", "PUT /workspaces/carbonmap/datastores/carbonmap_postgis",
                "PUT /workspaces/carbonmap/styles/zones",
                "PUT /workspaces/carbonmap/datastores/carbonmap_postgis/featuretypes/zones?recalculate=nativebbox,latlonbbox",
                "PUT /layers/carbonmap:zones");
    }

    @Test
    void aWrongPasswordStopsTheScriptWithAMessage() throws Exception {
        Result r = run("wrong");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("refuses admin's password");
    }

    private void run() throws Exception {
        Result r = run("gs-secret");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("published:");
    }

    record Result(int exit, String output) {
    }

    private Result run(String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Repository.root().resolve("docker/publish-geoserver.sh").toString())
                .redirectErrorStream(true);
        pb.environment().put("GEOSERVER_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/geoserver");
        pb.environment().put("GEOSERVER_ADMIN_PASSWORD", password);
        pb.environment().put("POSTGRES_PASSWORD", "pg \"secret\"");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the script did not finish in 60 s");
        }
        return new Result(p.exitValue(), out);
    }

    // --- the stand-in ------------------------------------------------------------------------------------------------

    private static final Pattern COLLECTION = Pattern.compile("^/(workspaces|workspaces/[^/]+/datastores"
            + "|workspaces/[^/]+/styles|workspaces/[^/]+/datastores/[^/]+/featuretypes)$");

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath().substring("/geoserver/rest".length());
        path = URLDecoder.decode(path, StandardCharsets.UTF_8);
        String query = x.getRequestURI().getRawQuery();
        String method = x.getRequestMethod();
        byte[] body = x.getRequestBody().readAllBytes();
        if (!AUTH.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            answer(x, 401);
            return;
        }
        if (method.equals("GET")) {
            answer(x, path.equals("/about/version.json") || resources.contains(path) ? 200 : 404);
            return;
        }
        String call = method + " " + path + (query == null ? "" : "?" + query);
        calls.add(call);
        bodies.put(call, new String(body, StandardCharsets.UTF_8));
        allBodies.add(new String(body, StandardCharsets.UTF_8));
        if (method.equals("POST")) {
            Matcher m = COLLECTION.matcher(path);
            if (!m.matches()) {
                answer(x, 405);
                return;
            }
            String name = path.endsWith("/styles") ? query.replace("name=", "") : name(body);
            if (path.endsWith("/styles")) {
                checkContentType(x, "application/vnd.ogc.sld+xml");
            }
            resources.add(path + "/" + name);
            if (path.endsWith("/featuretypes")) {
                // GeoServer publishes a layer with each new feature type
                resources.add("/layers/" + path.split("/")[2] + ":" + name);
            }
            answer(x, 201);
        } else if (method.equals("PUT")) {
            answer(x, resources.contains(path) ? 200 : 404);
        } else {
            answer(x, 405);
        }
    }

    private static void checkContentType(HttpExchange x, String type) {
        assertThat(x.getRequestHeaders().getFirst("Content-Type")).isEqualTo(type);
    }

    private static String name(byte[] json) {
        JsonNode root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        return root.properties().iterator().next().getValue().get("name").asString();
    }

    private static void answer(HttpExchange x, int status) throws IOException {
        x.sendResponseHeaders(status, -1);
        x.close();
    }
}
