package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.dongli.carbonmap.support.HttpApi;
import cn.dongli.carbonmap.support.StorageProfile;

/**
 * With anonymous reading switched off ({@code carbonmap.anonymous-read=false}) the page still loads, so that it can
 * show its own sign-in, and says that reading needs an account; every read of the API needs one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "carbonmap.anonymous-read=false")
class ClosedReadingTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }

    @Test
    void thePageLoadsWithoutAPasswordBoxAndSaysReadingNeedsAnAccount() {
        HttpApi anonymous = new HttpApi(port);
        HttpApi.Response page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("WWW-Authenticate")).isNull();
        HttpApi.Response session = anonymous.get("/api/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("anonymousRead").asBoolean()).isFalse();
        assertThat(session.json().get("authenticated").asBoolean()).isFalse();
    }

    @Test
    void everyReadOfTheApiNeedsAnAccount() {
        HttpApi anonymous = new HttpApi(port);
        HttpApi admin = anonymous.asAdmin();
        List<String> open = new ArrayList<>();
        for (EndpointAuthorizationTest.Endpoint e : EndpointAuthorizationTest.endpoints(mapping)) {
            if (!e.method().equals("GET") || e.path().equals("/api/session")) {
                continue;
            }
            String path = EndpointAuthorizationTest.path(e.path());
            int status = anonymous.get(path).status();
            if (status != 401) {
                open.add(e + ": " + status);
            }
        }
        assertThat(open).as("reads answered without an account").isEmpty();
        assertThat(admin.get("/api/layers").status()).isEqualTo(200);
    }
}
