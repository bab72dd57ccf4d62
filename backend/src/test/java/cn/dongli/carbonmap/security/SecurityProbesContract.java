package cn.dongli.carbonmap.security;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import cn.dongli.carbonmap.support.HttpApi;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import tools.jackson.databind.JsonNode;

/**
 * The security probes of issue 17, as real HTTP against the running server on both storage profiles (see
 * {@code docs/SECURITY.md}, which says what each proves). A browser session is {@link HttpApi.Session} (cookie jar,
 * CSRF token from its cookie); the admin who changes accounts meanwhile uses HTTP Basic. Street A is 117.40–117.42 E,
 * street B 117.42–117.44 E, both 39.10–39.12 N. Every test makes accounts of its own names, so that the tests share
 * no state but the streets.
 */
abstract class SecurityProbesContract extends ProbedDistrict {

    static final String NEW_PASSWORD = "another-long-password-2";

    private ListAppender<ILoggingEvent> auditLines;

    @BeforeEach
    void streetsAndAuditLines() {
        twoStreets();
        auditLines = new ListAppender<>();
        auditLines.start();
        ((Logger) LoggerFactory.getLogger("audit")).addAppender(auditLines);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("audit")).detachAppender(auditLines);
    }

    HttpApi.Response change(String name, String json) {
        HttpApi.Response r = admin.send("PUT", "/api/accounts/" + name, "application/json", json, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    HttpApi.Session signedIn(String name, String password) {
        HttpApi.Session s = anonymous.session();
        HttpApi.Response r = s.signIn(name, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return s;
    }

    static String park(String name, double lon, double lat) {
        return feature(box(lon, lat, lon + 0.001, lat + 0.001), "{\"name\":\"" + name + "\",\"status\":\"built\"}");
    }

    static String plot(double canopy, double stock, String extra) {
        return feature(box(117.401, 39.101, 117.403, 39.103), "{\"plot_code\":\"DL-7\",\"species\":\"ash\","
                + "\"canopy_closure\":" + canopy + ",\"stock_m3\":" + stock + extra + "}");
    }

    static HttpApi.Response postPark(HttpApi.Session s, double lon) {
        return s.post("/api/layers/parks/features", park("公园", lon, 39.101), true);
    }

    static HttpApi.Response createAccount(HttpApi.Session s) {
        return s.send("POST", "/api/accounts", "application/json", "{\"username\":\"" + uniqueName("made")
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"ADMIN\"]}", true);
    }

    static HttpApi.Response planValue(HttpApi who, String value) {
        return who.post("/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"" + value + "\"}");
    }

    List<String> audit(String action) {
        return admin.get("/api/audit?limit=200").json().valueStream()
                .filter(e -> e.get("action").asString().equals(action))
                .map(e -> e.get("actor").asString() + " " + e.get("detail").asString()).toList();
    }

    // --- item 1: a session sees the account as it is now -----------------------------------------------------------

    @Test
    void anAdminDisabledDemotedAndGivenANewPasswordLosesTheOpenSessionAtOnce() {
        String name = account("admin2", "\"roles\":[\"ADMIN\"]");
        HttpApi.Session session = signedIn(name, PASSWORD);
        assertThat(createAccount(session).status()).isEqualTo(201);
        change(name, "{\"enabled\":false,\"roles\":[\"VIEWER\"],\"password\":\"" + NEW_PASSWORD + "\"}");
        HttpApi.Response refused = createAccount(session);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(session.get("/api/session").json().get("authenticated").booleanValue()).isFalse();
        assertThat(session.get("/api/accounts").status()).isEqualTo(401);
    }

    @Test
    void aDemotedAdminsSessionKeepsOnlyTheNewRole() {
        String name = account("admin3", "\"roles\":[\"ADMIN\"]");
        HttpApi.Session session = signedIn(name, PASSWORD);
        assertThat(session.get("/api/accounts").status()).isEqualTo(200);
        change(name, "{\"roles\":[\"VIEWER\"]}");
        JsonNode me = session.get("/api/session").json();
        assertThat(me.get("authenticated").booleanValue()).isTrue();
        assertThat(me.get("roles").toString()).isEqualTo("[\"VIEWER\"]");
        assertThat(session.get("/api/accounts").status()).isEqualTo(403);
        assertThat(createAccount(session).status()).isEqualTo(403);
        assertThat(postPark(session, 117.401).status()).isEqualTo(403);
    }

    @Test
    void disablingAnAccountEndsItsSessionForGood() {
        String name = account("editor", "\"roles\":[\"EDITOR\"]");
        HttpApi.Session session = signedIn(name, PASSWORD);
        assertThat(postPark(session, 117.401).status()).isEqualTo(201);
        change(name, "{\"enabled\":false}");
        assertThat(postPark(session, 117.403).status()).isEqualTo(401);
        change(name, "{\"enabled\":true}");
        // enabled again, the account signs in again; the ended session stays ended
        assertThat(postPark(session, 117.405).status()).isEqualTo(401);
        assertThat(session.get("/api/session").json().get("authenticated").booleanValue()).isFalse();
        assertThat(audit("session-ended")).contains(name + " the account was disabled");
    }

    @Test
    void aNewPasswordEndsEverySessionOfTheAccount() {
        String name = account("editor", "\"roles\":[\"EDITOR\"]");
        HttpApi.Session one = signedIn(name, PASSWORD);
        HttpApi.Session two = signedIn(name, PASSWORD);
        change(name, "{\"password\":\"" + NEW_PASSWORD + "\"}");
        assertThat(postPark(one, 117.401).status()).isEqualTo(401);
        assertThat(postPark(two, 117.403).status()).isEqualTo(401);
        assertThat(anonymous.session().signIn(name, PASSWORD).status()).isEqualTo(401);
        assertThat(postPark(signedIn(name, NEW_PASSWORD), 117.405).status()).isEqualTo(201);
    }

    @Test
    void anAdminWhoChangesTheirOwnPasswordKeepsThisSessionAndLosesTheOthers() {
        String name = account("admin4", "\"roles\":[\"ADMIN\"]");
        HttpApi.Session here = signedIn(name, PASSWORD);
        HttpApi.Session elsewhere = signedIn(name, PASSWORD);
        HttpApi.Response changed = here.send("PUT", "/api/accounts/" + name, "application/json",
                "{\"password\":\"" + NEW_PASSWORD + "\"}", true);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(here.get("/api/accounts").status()).isEqualTo(200);
        assertThat(elsewhere.get("/api/accounts").status()).isEqualTo(401);
    }

    @Test
    void aChangeOfLayersStreetOrPlanValuesGrantAppliesToTheOpenSession() {
        // without a street at first: plan values are district-wide, for accounts without a street scope
        String name = account("parks_a", "\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"],\"planValues\":true");
        HttpApi.Session session = signedIn(name, PASSWORD);
        assertThat(postPark(session, 117.401).status()).isEqualTo(201);
        assertThat(session.send("POST", "/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"1\"}", true).status()).isEqualTo(201);

        change(name, "{\"layers\":[\"farmland\"],\"planValues\":false}");
        HttpApi.Response refused = postPark(session, 117.403);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("parks");
        assertThat(session.send("POST", "/api/plan/indicators/transport-2/values", "application/json",
                "{\"year\":2024,\"value\":\"2\"}", true).status()).isEqualTo(403);
        assertThat(session.get("/api/session").json().get("canWrite").get("parks").asString()).isEqualTo("none");

        change(name, "{\"layers\":[\"parks\"],\"street\":\"" + STREET_B + "\"}");
        assertThat(postPark(session, 117.405).status()).as("in street A").isEqualTo(403);
        assertThat(postPark(session, 117.425).status()).as("in street B").isEqualTo(201);
        assertThat(session.get("/api/session").json().get("street").get("code").asString()).isEqualTo(STREET_B);
    }

    // --- item 6: plan values have a grant of their own and are audited; surveyors write the survey attributes -------

    @Test
    void planValuesNeedTheirOwnGrantAndAreAudited() {
        String parksEditor = account("parks_editor", "\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"]");
        String editor = account("editor", "\"roles\":[\"EDITOR\"]");
        String planner = account("planner", "\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"],\"planValues\":true");
        String surveyor = account("surveyor", "\"roles\":[\"SURVEYOR\"],\"planValues\":true");
        HttpApi.Response refused = planValue(anonymous.as(parksEditor, PASSWORD), "9%");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(planValue(anonymous.as(editor, PASSWORD), "9%").status()).isEqualTo(403);
        assertThat(planValue(anonymous.as(surveyor, PASSWORD), "9%").status()).isEqualTo(403);
        assertThat(planValue(anonymous.as(planner, PASSWORD), "21%").status()).isEqualTo(201);
        assertThat(planValue(admin, "22%").status()).isEqualTo(201);
        assertThat(audit("plan-value")).contains(planner + " transport-2 2024 = 21%", "admin transport-2 2024 = 22%");
        assertThat(audit("plan-value")).noneMatch(e -> e.contains("9%"));
        JsonNode listed = admin.get("/api/accounts").json().valueStream()
                .filter(a -> a.get("username").asString().equals(planner)).findFirst().orElseThrow();
        assertThat(listed.get("planValues").booleanValue()).isTrue();
        assertThat(signedIn(planner, PASSWORD).get("/api/session").json().get("planValues").booleanValue()).isTrue();
        assertThat(signedIn(editor, PASSWORD).get("/api/session").json().get("planValues").booleanValue()).isFalse();
    }

    @Test
    void surveyorsWriteOnlyTheSurveyAttributesNotExtraProperties() {
        HttpApi.Response created = admin.post("/api/layers/forest_plots/features", "application/geo+json",
                plot(0.5, 10, ",\"remark\":\"原始记录\""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String f = "/api/layers/forest_plots/features/" + created.json().get("id").longValue();
        HttpApi surveyor = anonymous.as(account("surveyor", "\"roles\":[\"SURVEYOR\"]"), PASSWORD);

        HttpApi.Response added = surveyor.put(f, "\"1\"", plot(0.6, 11, ",\"remark\":\"原始记录\",\"owner\":\"someone\""));
        assertThat(added.status()).as(added.body()).isEqualTo(403);
        assertThat(added.json().get("detail").asString()).contains("owner");
        assertThat(surveyor.put(f, "\"1\"", plot(0.6, 11, ",\"remark\":\"改过的\"")).status()).isEqualTo(403);
        assertThat(surveyor.put(f, "\"1\"", plot(0.6, 11, "")).status()).as("removed").isEqualTo(403);

        HttpApi.Response resurveyed = surveyor.put(f, "\"1\"", plot(0.6, 11, ",\"remark\":\"原始记录\""));
        assertThat(resurveyed.status()).as(resurveyed.body()).isEqualTo(200);
        assertThat(resurveyed.json().get("properties").get("stock_m3").doubleValue()).isEqualTo(11.0);
        assertThat(resurveyed.json().get("properties").get("remark").asString()).isEqualTo("原始记录");
    }

    // --- item 7: logs and exports ----------------------------------------------------------------------------------

    @Test
    void aFailedSignInCannotForgeLinesInTheAuditLog() {
        // a name of at most 64 characters, as the audit log keeps them
        String forged = "nobody\\n12:00 INFO audit admin account-created eve\\r\\u2028x";
        assertThat(anonymous.session().signIn(forged, "wrong-password").status()).isEqualTo(401);
        List<String> lines = auditLines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("login-failed") && m.startsWith("nobody")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n", "\r", "\u2028")
                .startsWith("nobody\\n12:00 INFO audit admin account-created eve\\r\\u2028x login-failed");
        // the audit table keeps the name as it was typed: the admins' screen shows it as text
        assertThat(audit("login-failed")).anyMatch(e -> e.startsWith("nobody\n12:00 INFO"));
    }

    @Test
    void extraPropertyNamesCannotRunAsFormulasInCsvExports() {
        String props = "{\"name\":\"甲公园\",\"status\":\"built\",\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\":1,"
                + "\"+SUM(1,1)\":\"@here\",\"-2+3\":\"ok\"}";
        HttpApi.Response created = admin.post("/api/layers/parks/features", "application/geo+json",
                feature(box(117.401, 39.101, 117.402, 39.102), props));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        HttpApi.Response csv = admin.getBytes("/api/layers/parks/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        String header = lines[0];
        assertThat(header).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "\"'+SUM(1,1)\"", ",'-2+3");
        for (String field : header.split(",")) {
            String bare = field.startsWith("\"") ? field.substring(1) : field;
            assertThat(bare).as(field).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                    .doesNotStartWith("@");
        }
        assertThat(lines[1]).contains(",'@here");
    }

    // --- what held before: anonymous 401, viewer 403, CSRF, fixation, sign-out, throttling --------------------------

    @Test
    void writesRefuseAnonymousUsersAndViewers() {
        HttpApi viewer = anonymous.as(account("viewer", "\"roles\":[\"VIEWER\"]"), PASSWORD);
        for (HttpApi who : List.of(anonymous, viewer)) {
            int expected = who == anonymous ? 401 : 403;
            assertThat(who.post("/api/layers/parks/features", "application/geo+json", park("p", 117.401, 39.101))
                    .status()).isEqualTo(expected);
            assertThat(who.post("/api/accounts", "application/json", "{}").status()).isEqualTo(expected);
            assertThat(planValue(who, "1").status()).isEqualTo(expected);
            assertThat(who.get("/api/audit").status()).isEqualTo(expected);
        }
    }

    @Test
    void sessionWritesNeedTheCsrfToken() {
        HttpApi.Session session = signedIn(account("editor", "\"roles\":[\"EDITOR\"]"), PASSWORD);
        HttpApi.Response refused = session.post("/api/layers/parks/features", park("p", 117.401, 39.101), false);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("csrf");
        assertThat(session.post("/api/layers/parks/features", park("p", 117.401, 39.101), true).status())
                .isEqualTo(201);
    }

    @Test
    void signingInGivesANewSessionAndTheOldIdIsWorthNothing() throws Exception {
        String name = account("editor", "\"roles\":[\"EDITOR\"]");
        HttpApi.Session session = signedIn(name, PASSWORD);
        String first = session.cookie("JSESSIONID");
        assertThat(session.signIn(name, PASSWORD).status()).isEqualTo(200);
        String second = session.cookie("JSESSIONID");
        assertThat(first).isNotNull();
        assertThat(second).isNotNull().isNotEqualTo(first);
        HttpResponse<String> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/session")).header("Cookie", "JSESSIONID=" + first)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(old.body()).contains("\"authenticated\":false");
    }

    @Test
    void signingOutEndsTheSession() {
        HttpApi.Session session = signedIn(account("editor", "\"roles\":[\"EDITOR\"]"), PASSWORD);
        assertThat(session.delete("/api/session").status()).isEqualTo(204);
        assertThat(session.get("/api/session").json().get("authenticated").booleanValue()).isFalse();
        assertThat(postPark(session, 117.401).status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedSignInsAreThrottled() {
        String name = account("throttled", "\"roles\":[\"VIEWER\"]");
        HttpApi.Response last = null;
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            last = anonymous.session().signIn(name, "not-the-password");
        }
        assertThat(last.status()).isIn(401, 429);
        HttpApi.Response blocked = anonymous.session().signIn(name, PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotNull();
        assertThat(anonymous.as(name, PASSWORD).get("/api/session").status()).isEqualTo(429);
    }
}
