package cn.dongli.carbonmap.security;

import static cn.dongli.carbonmap.support.GeoJsonText.box;
import static cn.dongli.carbonmap.support.GeoJsonText.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;

/**
 * What the security probes share: the running server, its layers emptied before each test, the admin over HTTP
 * Basic, accounts of names no other test uses, and the two streets most probes are scoped to (street A 117.40–117.42 E,
 * street B 117.42–117.44 E, both 39.10–39.12 N).
 */
abstract class ProbedDistrict {

    static final String PASSWORD = "a-long-password-1";
    static final String STREET_A = "120110000001";
    static final String STREET_B = "120110000002";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    HttpApi anonymous;
    HttpApi admin;

    @BeforeEach
    void emptyDistrict() {
        anonymous = new HttpApi(port);
        admin = anonymous.asAdmin();
        for (var layer : catalog.all()) {
            store.importFeatures(layer, List.of(), true, "test");
        }
    }

    /** Streets A and B, imported by the admin. */
    void twoStreets() {
        String streets = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(box(117.40, 39.10, 117.42, 39.12), "{\"code\":\"" + STREET_A + "\",\"name\":\"甲街道\"}") + ","
                + feature(box(117.42, 39.10, 117.44, 39.12), "{\"code\":\"" + STREET_B + "\",\"name\":\"乙街道\"}") + "]}";
        assertThat(admin.post("/api/layers/streets/import", "application/geo+json", streets).status()).isEqualTo(200);
    }

    /** An account name no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    /** A new account of a name no other test uses, with the members given ({@code "roles":[…], …}); its name. */
    String account(String prefix, String json) {
        String name = uniqueName(prefix);
        HttpApi.Response r = admin.post("/api/accounts", "application/json", "{\"username\":\"" + name
                + "\",\"password\":\"" + PASSWORD + "\"," + json + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }
}
