package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.StorageProfile;

/**
 * Every endpoint of the application, found from Spring's own handler mapping (so that a new one cannot be forgotten),
 * asked anonymously and as a viewer: every write refuses anonymous users (401) and viewers (403), the admin's screens
 * refuse both; reads are open, but for the planning scenarios, which need an account. Plus the security headers of every answer, and the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointAuthorizationTest {

    private static final Set<String> ADMIN_ONLY = Set.of("/api/accounts", "/api/accounts/{username}", "/api/audit");
    /** Reads that need an account: planning scenarios are internal working documents. */
    private static boolean signedInRead(String path) {
        return path.startsWith("/api/scenarios") || path.startsWith("/api/metrics/compare");
    }

    private static final Map<String, String> SAMPLE_VARIABLES = Map.ofEntries(
            Map.entry("{layer}", "parks"), Map.entry("{id}", "1"), Map.entry("{code}", "120110001000"),
            Map.entry("{username}", "nobody"), Map.entry("{species}", "poplar"), Map.entry("{unit}", "street"),
            Map.entry("{collectionId}", "parks"), Map.entry("{featureId}", "1"), Map.entry("{draftId}", "1"),
            Map.entry("{key}", "module_kwp_per_m2"));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }

    record Endpoint(String method, String path) {
    }

    List<Endpoint> endpoints() {
        return endpoints(mapping);
    }

    /** Every endpoint of CarbonMap's own controllers. */
    static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("cn.dongli.carbonmap")) {
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    out.add(new Endpoint(m.name(), pattern));
                }
            }
        }
        return out;
    }

    static String path(String pattern) {
        String p = pattern;
        for (Map.Entry<String, String> v : SAMPLE_VARIABLES.entrySet()) {
            p = p.replace(v.getKey(), v.getValue());
        }
        assertThat(p).as("an unknown path variable in " + pattern).doesNotContain("{");
        return p;
    }

    @Test
    void everyWriteNeedsAnAccountWithTheRightRoleAndReadsAreOpen() {
        HttpApi anonymous = new HttpApi(port);
        HttpApi admin = anonymous.asAdmin();
        assertThat(admin.post("/api/accounts", "application/json", "{\"username\":\"just_a_viewer\",\"password\":"
                + "\"a-long-password-1\",\"roles\":[\"VIEWER\"]}").status()).isIn(201, 409);
        HttpApi viewer = anonymous.as("just_a_viewer", "a-long-password-1");
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(30);
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            String path = path(e.path());
            boolean write = !e.method().equals("GET");
            boolean signInItself = e.path().equals("/api/session");
            int anonymousStatus = anonymous.send(e.method(), path, "application/json", "{}", "\"1\"").status();
            int viewerStatus = viewer.send(e.method(), path, "application/json", "{}", "\"1\"").status();
            if (signInItself) {
                continue;
            }
            if (ADMIN_ONLY.contains(e.path())) {
                check(wrong, e, "anonymous", anonymousStatus, 401);
                check(wrong, e, "viewer", viewerStatus, 403);
            } else if (write) {
                check(wrong, e, "anonymous", anonymousStatus, 401);
                if (viewerStatus != 403) {
                    wrong.add(e + " as viewer: " + viewerStatus + " (expected 403)");
                }
            } else if (signedInRead(e.path())) {
                check(wrong, e, "anonymous", anonymousStatus, 401);
                if (viewerStatus == 401 || viewerStatus == 403 || viewerStatus >= 500) {
                    wrong.add(e + " as viewer: " + viewerStatus + " (signed-in accounts read scenarios)");
                }
            } else if (anonymousStatus == 401 || anonymousStatus == 403 || anonymousStatus >= 500) {
                wrong.add(e + " anonymously: " + anonymousStatus + " (reads are open and never fail)");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, Endpoint e, String who, int actual, int expected) {
        if (actual != expected) {
            wrong.add(e + " as " + who + ": " + actual + " (expected " + expected + ")");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        HttpApi anonymous = new HttpApi(port);
        for (String path : List.of("/", "/api/layers", "/api/metrics?unit=district")) {
            HttpApi.Response r = anonymous.get(path);
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self';").contains("object-src 'none'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src"))))
                    .doesNotContain("unsafe-inline");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    @Test
    void theSessionCookieIsNotSentWithRequestsFromOtherSites() {
        HttpApi.Response signedIn = new HttpApi(port).session().signIn("admin", HttpApi.ADMIN_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(200);
        List<String> session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(session).as("the session cookie").isNotEmpty();
        assertThat(session).allSatisfy(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void signInsAndAdminActionsAreAudited() {
        HttpApi anonymous = new HttpApi(port);
        HttpApi admin = anonymous.asAdmin();
        anonymous.session().signIn("admin", "not-the-password");
        admin.post("/api/accounts", "application/json", "{\"username\":\"audited_editor\",\"password\":"
                + "\"a-long-password-1\",\"roles\":[\"EDITOR\"],\"layers\":[\"parks\"]}");
        HttpApi.Session session = anonymous.session();
        assertThat(session.signIn("audited_editor", "a-long-password-1").status()).isEqualTo(200);
        List<String> events = admin.get("/api/audit?limit=50").json().valueStream()
                .map(e -> e.get("actor").asString() + " " + e.get("action").asString()).toList();
        assertThat(events).contains("admin login-failed", "admin account-created", "audited_editor login");
        assertThat(session.get("/api/audit").status()).isEqualTo(403);
    }
}
