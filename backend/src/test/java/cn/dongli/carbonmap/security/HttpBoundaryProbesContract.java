package cn.dongli.carbonmap.security;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;

import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The probes of issue 17 at the HTTP boundary (items 3, 5 and 9), as real HTTP against the running server on both
 * storage profiles; {@code docs/SECURITY.md} says what each proves. The test client at 127.0.0.1 is the configured
 * reverse proxy ({@code carbonmap.http.trusted-proxies}); a client connecting from 127.0.0.2 (the whole of 127/8 is
 * loopback) is a stranger that talks to CarbonMap directly. Requests a Java client would refuse to send (a bad URL, a
 * Host of another name) go through a raw socket.
 */
abstract class HttpBoundaryProbesContract extends ProbedDistrict {

    static final String STRANGER = "127.0.0.2";
    static final String ALLOWED_HOST = "carbonmap.dongli.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The settings of the test contexts: the test client is the proxy, one public name is configured. */
    static void boundary(DynamicPropertyRegistry registry) {
        registry.add("carbonmap.http.trusted-proxies", () -> "127.0.0.1");
        registry.add("carbonmap.http.allowed-hosts", () -> ALLOWED_HOST);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** An answer read off a raw socket. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /**
     * Sends a request as it is written (request line, headers, body) from a local address of choice, and reads the
     * answer until the server closes the connection.
     */
    Raw raw(String from, String method, String target, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.putAll(headers);
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Length", Integer.toString(content.length));
        }
        all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return parse(answer.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e.getMessage(), e);
        }
    }

    private static Raw parse(byte[] bytes) {
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: " + head).isPositive();
        String[] lines = head.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        int at = end + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                int nl = head.indexOf("\r\n", at);
                int size = Integer.parseInt(head.substring(at, nl).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(bytes, nl + 2, size);
                at = nl + 2 + size + 2;
            }
        } else {
            body.write(bytes, at, bytes.length - at);
        }
        return new Raw(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String adminBasic() {
        return basic("admin", HttpApi.ADMIN_PASSWORD);
    }

    /** A new account with these roles ({@code "\"EDITOR\""}); its name. */
    String withRoles(String prefix, String roles) {
        return account(prefix, "\"roles\":[" + roles + "]");
    }

    static String parks(String name, double lon) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + feature(box(lon, 39.101, lon + 0.001, 39.102),
                "{\"name\":\"" + name + "\",\"status\":\"built\"}") + "]}";
    }

    static String park(String name, double lon) {
        return feature(box(lon, 39.101, lon + 0.001, 39.102), "{\"name\":\"" + name + "\",\"status\":\"built\"}");
    }

    int parkCount() {
        return anonymous.get("/api/layers/parks/features").json().get("features").size();
    }

    /** A sign-in through the proxy for a client at this address (X-Forwarded-For as nginx writes it). */
    Raw signInVia(String clientAddress, String forwardedFor, String user, String password) {
        return raw("127.0.0.1", "POST", "/api/session", Map.of("Content-Type", "application/json",
                "X-Requested-With", "CarbonMap", "X-Forwarded-For", forwardedFor == null ? clientAddress
                        : forwardedFor + ", " + clientAddress),
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    List<JsonNode> audit(String action, String actor) {
        return admin.get("/api/audit?limit=500").json().valueStream()
                .filter(e -> e.get("action").asString().equals(action) && e.get("actor").asString().equals(actor))
                .toList();
    }

    static void assertProblem(Raw r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.headers().toString()).startsWith("application/problem+json");
        assertThat(r.json().get("status").intValue()).isEqualTo(status);
        assertThat(r.json().get("code").asString()).isNotBlank();
    }

    static void assertSecurityHeaders(Raw r) {
        assertThat(r.header("Content-Security-Policy")).as(r.headers().toString()).contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    // --- item 3: no Basic challenge to browsers, documented content types, no writes from other sites -------------

    @Test
    void noAnswerAsksABrowserForBasicCredentials() {
        for (String path : List.of("/api/audit", "/api/accounts", "/api/scenarios")) {
            Raw r = raw("127.0.0.1", "GET", path, Map.of("Accept", "text/html,application/xhtml+xml"), null);
            assertProblem(r, 401);
            assertThat(r.header("WWW-Authenticate")).as(path + " must not ask for Basic credentials").isNull();
        }
        Raw wrong = raw("127.0.0.1", "GET", "/api/audit", Map.of("Authorization", basic("admin", "wrong-password")),
                null);
        assertProblem(wrong, 401);
        assertThat(wrong.header("WWW-Authenticate")).isNull();
        HttpApi.Response write = anonymous.post("/api/layers/parks/features", "application/geo+json",
                park("公园", 117.401));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.header("WWW-Authenticate")).isNull();
    }

    @Test
    void aWriteFromAnotherSiteIsRefusedWhateverItsCredentials() {
        assertThat(admin.post("/api/layers/parks/import", "application/geo+json", parks("留下", 117.401)).status())
                .isEqualTo(200);
        // the admin's Basic credentials on a cross-site form or fetch: Origin of another site
        Raw fromOrigin = raw("127.0.0.1", "POST", "/api/layers/parks/import?mode=replace",
                Map.of("Authorization", adminBasic(), "Origin", "https://evil.example",
                        "Content-Type", "application/geo+json"), parks("假公园", 117.405));
        assertProblem(fromOrigin, 403);
        assertThat(fromOrigin.json().get("code").asString()).isEqualTo("cross-site");
        // Sec-Fetch-Site without Origin (a bodyless POST), a sibling site, an opaque origin
        for (Map<String, String> h : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "null"),
                Map.of("Origin", "http://127.0.0.1:1"))) {
            Map<String, String> headers = new LinkedHashMap<>(h);
            headers.put("Authorization", adminBasic());
            Raw undo = raw("127.0.0.1", "POST", "/api/edits/undo", headers, null);
            assertProblem(undo, 403);
            assertThat(undo.json().get("code").asString()).as(h.toString()).isEqualTo("cross-site");
        }
        assertThat(parkCount()).as("nothing was replaced or undone").isEqualTo(1);
        // a signed-in browser with a valid CSRF token is refused too when the page is another site's
        HttpApi.Session session = anonymous.session();
        assertThat(session.signIn("admin", HttpApi.ADMIN_PASSWORD).status()).isEqualTo(200);
        Raw withSession = raw("127.0.0.1", "POST", "/api/layers/parks/features", Map.of(
                "Cookie", "JSESSIONID=" + session.cookie("JSESSIONID") + "; XSRF-TOKEN=" + session.cookie("XSRF-TOKEN"),
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"), "Content-Type", "application/geo+json",
                "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"), park("假公园", 117.407));
        assertProblem(withSession, 403);
        assertThat(parkCount()).isEqualTo(1);
    }

    @Test
    void writesAcceptOnlyTheirDocumentedContentTypes() {
        // the types a cross-site form can send without a preflight, and a body without any type
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Raw imported = raw("127.0.0.1", "POST", "/api/layers/parks/import?mode=replace",
                    Map.of("Authorization", adminBasic(), "Content-Type", type), parks("表单公园", 117.401));
            assertProblem(imported, 415);
            Raw created = raw("127.0.0.1", "POST", "/api/layers/parks/features",
                    Map.of("Authorization", adminBasic(), "Content-Type", type), park("表单公园", 117.401));
            assertProblem(created, 415);
            Raw undo = raw("127.0.0.1", "POST", "/api/edits/undo",
                    Map.of("Authorization", adminBasic(), "Content-Type", type), "");
            assertProblem(undo, 415);
            Raw close = raw("127.0.0.1", "POST", "/api/seasons/2024/close",
                    Map.of("Authorization", adminBasic(), "Content-Type", type), "a=b");
            assertProblem(close, 415);
        }
        Raw untyped = raw("127.0.0.1", "POST", "/api/layers/parks/import", Map.of("Authorization", adminBasic()),
                parks("无类型", 117.401));
        assertProblem(untyped, 415);
        assertThat(untyped.json().get("detail").asString()).contains("application/geo+json");
        assertThat(parkCount()).isZero();
        // refusals of accounts stay what they were: anonymous 401, a viewer 403
        assertThat(raw(STRANGER, "POST", "/api/layers/parks/features", Map.of("Content-Type", "text/plain"),
                park("x", 117.401)).status()).isEqualTo(401);
    }

    @Test
    void scriptsAndTheWebAppKeepWriting() {
        // a script (curl, GDAL, QGIS, OWSLib): Basic, no Origin, no Sec-Fetch-*; the documented import types
        assertThat(admin.post("/api/layers/parks/import", "application/geo+json", parks("脚本", 117.401)).status())
                .isEqualTo(200);
        HttpApi.Response csv = admin.post("/api/layers/parks/import?mode=append", "text/csv; charset=utf-8",
                "WKT,name,status\n\"POLYGON((117.403 39.101,117.404 39.101,117.404 39.102,117.403 39.102,"
                        + "117.403 39.101))\",表格公园,built\n");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(admin.get("/ogc/collections/parks/items?f=json").status()).isEqualTo(200);
        assertThat(parkCount()).isEqualTo(2);
        // the web app: session cookie, CSRF token, same-origin Origin and Sec-Fetch-Site; bodyless writes untyped
        HttpApi.Session session = anonymous.session();
        assertThat(session.signIn("admin", HttpApi.ADMIN_PASSWORD).status()).isEqualTo(200);
        String cookies = "JSESSIONID=" + session.cookie("JSESSIONID") + "; XSRF-TOKEN=" + session.cookie("XSRF-TOKEN");
        Raw created = raw("127.0.0.1", "POST", "/api/layers/parks/features", Map.of("Cookie", cookies,
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"), "Content-Type", "application/geo+json",
                "X-Requested-With", "CarbonMap", "Sec-Fetch-Site", "same-origin",
                "Origin", "http://127.0.0.1:" + port), park("网页", 117.405));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Raw undone = raw("127.0.0.1", "POST", "/api/edits/undo", Map.of("Cookie", cookies,
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"), "X-Requested-With", "CarbonMap",
                "Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:" + port), "");
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        // an old browser sends Origin only; the page's own origin is the Host it asked
        Raw oldBrowser = raw("127.0.0.1", "POST", "/api/layers/parks/features", Map.of("Cookie", cookies,
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"), "Content-Type", "application/geo+json",
                "Origin", "http://127.0.0.1:" + port), park("旧浏览器", 117.407));
        assertThat(oldBrowser.status()).as(oldBrowser.body()).isEqualTo(201);
        assertThat(parkCount()).isEqualTo(3);
    }

    // --- item 5: forwarded addresses from configured proxies only; limits per account and per address -------------

    @Test
    void forwardedAddressesAreTrustedOnlyFromConfiguredProxies() {
        String name = withRoles("xff", "\"EDITOR\"");
        // a stranger talking directly: its own X-Forwarded-For is ignored, so forging it does not escape the limit
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            Raw r = raw(STRANGER, "POST", "/api/session", Map.of("Content-Type", "application/json",
                    "X-Forwarded-For", "198.51.100." + (i + 1)), "{\"username\":\"" + name
                    + "\",\"password\":\"wrong-password\"}");
            assertThat(r.status()).isIn(401, 429);
            refused += r.status() == 429 ? 1 : 0;
        }
        assertThat(refused).as("the limit holds whatever X-Forwarded-For says").isPositive();
        assertThat(audit("login-failed", name)).isNotEmpty().allSatisfy(e ->
                assertThat(e.get("address").asString()).isEqualTo(STRANGER));
        // through the proxy: the address it appended is the client's, the forged one before it is not
        String other = withRoles("xff", "\"EDITOR\"");
        assertThat(signInVia("203.0.113.5", "10.9.8.7", other, "wrong-password").status()).isEqualTo(401);
        assertThat(audit("login-failed", other)).singleElement().satisfies(e ->
                assertThat(e.get("address").asString()).isEqualTo("203.0.113.5"));
        // behind two proxies (the inner one trusted too), the client is the rightmost hop no trusted proxy wrote
        String third = withRoles("xff", "\"EDITOR\"");
        assertThat(signInVia("127.0.0.1", "10.9.8.7, 203.0.113.6", third, "wrong-password").status()).isEqualTo(401);
        assertThat(audit("login-failed", third)).singleElement().satisfies(e ->
                assertThat(e.get("address").asString()).isEqualTo("203.0.113.6"));
        // what is not an address (a name would need the DNS) ends the chain: the proxy's own address is used
        String fourth = withRoles("xff", "\"EDITOR\"");
        assertThat(signInVia("not-an-address", null, fourth, "wrong-password").status()).isEqualTo(401);
        assertThat(audit("login-failed", fourth)).singleElement().satisfies(e ->
                assertThat(e.get("address").asString()).isEqualTo("127.0.0.1"));
    }

    @Test
    void aStrangerBehindTheProxyCannotLockTheOwnerOut() {
        String name = withRoles("owner", "\"EDITOR\"");
        assertThat(signInVia("198.51.100.7", null, name, PASSWORD).status()).isEqualTo(200);
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            Raw r = signInVia("203.0.113.9", null, name, "wrong-password-" + i);
            assertThat(r.status()).isIn(401, 429);
            refused += r.status() == 429 ? 1 : 0;
        }
        assertThat(refused).as("the stranger is slowed down").isPositive();
        Raw owner = signInVia("198.51.100.7", null, name, PASSWORD);
        assertThat(owner.status()).as("the owner at their own address: " + owner.body()).isEqualTo(200);
    }

    @Test
    void guessesFromManyAddressesAreLimitedPerAccount() {
        String name = withRoles("spread", "\"EDITOR\"");
        for (int i = 0; i < 12; i++) {
            Raw r = signInVia("203.0.113." + (20 + i), null, name, "wrong-password-" + i);
            assertThat(r.status()).isIn(401, 429);
        }
        // even the right password from yet another address waits: the account's own limit, with a delay that grows
        Raw next = signInVia("203.0.113.99", null, name, PASSWORD);
        assertProblem(next, 429);
        long wait = Long.parseLong(next.header("Retry-After"));
        assertThat(wait).isBetween(1L, 900L);
    }

    // --- item 9: small leaks ---------------------------------------------------------------------------------------

    @Test
    void badUrlsGetProblemJsonWithTheSecurityHeaders() {
        for (String target : List.of("/api/layers/a%2Fb", "/api/layers/a%5Cb", "/api/layers/a%00b",
                "/api/layers/%C3%28", "/api/layers?bbox=" + "1".repeat(9000))) {
            Raw r = raw("127.0.0.1", "GET", target, Map.of(), null);
            String what = target.length() > 40 ? "a query of 9,000 characters" : target;
            assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(r.json().get("status").intValue()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("<html").doesNotContainIgnoringCase("tomcat");
            assertSecurityHeaders(r);
        }
    }

    @Test
    void errorTextsNameNoLibraries() {
        String deep = "{\"type\":\"FeatureCollection\",\"features\":[" + "[".repeat(100) + "]".repeat(100) + "]}";
        HttpApi.Response nested = admin.post("/api/layers/parks/import", "application/geo+json", deep);
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.body()).doesNotContain("StreamReadConstraints").doesNotContain("jackson");
        byte[] notAGeoPackage = new byte[4096];
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, notAGeoPackage, 0, magic.length);
        for (int i = magic.length; i < notAGeoPackage.length; i++) {
            notAGeoPackage[i] = (byte) (i * 31);
        }
        HttpApi.Response broken = admin.post("/api/layers/parks/import", "application/geopackage+sqlite3",
                notAGeoPackage);
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("SQLITE_").doesNotContain("[SQLITE").doesNotContain("org.sqlite");
    }

    @Test
    void accountNamesAreForSignedInStaffOnly() {
        String editor = withRoles("author", "\"EDITOR\"");
        HttpApi asEditor = anonymous.as(editor, PASSWORD);
        HttpApi.Response created = asEditor.post("/api/layers/parks/features", "application/geo+json",
                park("有作者", 117.401));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").longValue();
        String viewer = withRoles("reader", "\"VIEWER\"");
        HttpApi asViewer = anonymous.as(viewer, PASSWORD);
        // signed in: who made it
        assertThat(asViewer.get("/api/layers/parks/features/" + id).body()).contains(editor);
        assertThat(asViewer.get("/api/layers/parks/features").body()).contains(editor);
        assertThat(asViewer.get("/api/layers/parks/features/" + id + "/history").body()).contains(editor);
        // anonymous: no account names
        HttpApi.Response one = anonymous.get("/api/layers/parks/features/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(editor);
        assertThat(anonymous.get("/api/layers/parks/features").body()).doesNotContain(editor);
        HttpApi.Response history = anonymous.get("/api/layers/parks/features/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).doesNotContain(editor);
        // survey seasons and marks
        HttpApi.Response season = admin.post("/api/seasons", "application/json",
                "{\"code\":\"2031\",\"name\":\"2031年度\",\"surveyDate\":\"2031-06-01\"}");
        assertThat(season.status()).as(season.body()).isIn(201, 409);
        assertThat(admin.get("/api/seasons").body()).contains("\"admin\"");
        assertThat(anonymous.get("/api/seasons").body()).doesNotContain("\"admin\"");
        HttpApi.Response plot = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.403, 39.103), "{\"plot_code\":\"DL-9\",\"species\":\"ash\","
                        + "\"canopy_closure\":0.6,\"stock_m3\":12}"));
        if (plot.status() == 201) {
            long plotId = plot.json().get("id").longValue();
            HttpApi.Response marked = asEditor.post("/api/seasons/2031/plots/" + plotId + "/surveyed",
                    "application/json", "{}");
            HttpApi.Response byAdmin = admin.post("/api/seasons/2031/plots/" + plotId + "/surveyed",
                    "application/json", "{}");
            assertThat(List.of(marked.status(), byAdmin.status())).as(marked.body() + byAdmin.body()).contains(200);
            assertThat(asViewer.get("/api/seasons/2031/plots").body()).contains("surveyedBy\":\"");
            assertThat(anonymous.get("/api/seasons/2031/plots").body()).doesNotContain("\"admin\"")
                    .doesNotContain(editor);
        }
    }

    @Test
    void ogcLinksFollowOnlyConfiguredHostsOrTrustedProxies() {
        // a Host of another name, from a client talking directly: the links name the server as it was reached
        Raw forged = raw(STRANGER, "GET", "/ogc?f=json", Map.of("Host", "evil.example"), null);
        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.body()).doesNotContain("evil.example").contains("http://127.0.0.1:" + port + "/ogc");
        Raw forwardedByStranger = raw(STRANGER, "GET", "/ogc?f=json", Map.of("X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "https"), null);
        assertThat(forwardedByStranger.body()).doesNotContain("evil.example").doesNotContain("https://");
        // the configured public name is used as it is asked
        Raw configured = raw(STRANGER, "GET", "/ogc?f=json", Map.of("Host", ALLOWED_HOST + ":" + port), null);
        assertThat(configured.body()).contains("http://" + ALLOWED_HOST + ":" + port + "/ogc");
        // the trusted proxy's forwarded host and scheme
        Raw proxied = raw("127.0.0.1", "GET", "/ogc/collections?f=json", Map.of("X-Forwarded-Host",
                "maps.dongli.example", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.5"), null);
        assertThat(proxied.status()).isEqualTo(200);
        assertThat(proxied.body()).contains("https://maps.dongli.example/ogc/collections");
    }
}
