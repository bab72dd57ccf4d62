package cn.dongli.carbonmap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two storage profiles every store and API test runs on. PostGIS tests also carry {@code @ActiveProfiles("postgis")}.
 */
public enum StorageProfile {
    /** Embedded H2 + H2GIS in a fresh temporary data directory. */
    H2GIS,
    /** A fresh database on the real PostGIS server. */
    POSTGIS;

    /** Registers the Spring properties of a fresh database of this profile. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("carbonmap.data-dir", StorageProfile::tempDir);
        registry.add("carbonmap.load-sample", () -> "false");
        registry.add("CARBONMAP_ADMIN_PASSWORD", () -> HttpApi.ADMIN_PASSWORD);
        // cached test contexts stay alive: none rebuilds the indicator model in the background for unit_metrics
        registry.add("carbonmap.unit-metrics-refresh", () -> "0s");
        if (this == POSTGIS) {
            String db = PostgisServer.createDatabase();
            registry.add("spring.datasource.url", () -> PostgisServer.url(db));
            registry.add("spring.datasource.username", PostgisServer::user);
            registry.add("spring.datasource.password", PostgisServer::password);
            // Spring keeps finished test contexts cached: their pools must give connections back to the server
            // (max_connections 100), or the later test classes are refused ("too many clients already")
            registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
            registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("carbonmap-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
