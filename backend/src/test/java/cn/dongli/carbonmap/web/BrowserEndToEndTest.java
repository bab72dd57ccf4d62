package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.BrowserTests;

/**
 * The web application in a real browser: starts CarbonMap on a fresh embedded database with the Dongli sample data,
 * then runs the end-to-end tests of {@code web/e2e/run.mjs} (playwright-core driving Debian's Chromium) against it.
 *
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserEndToEndTest {

    private static final String ADMIN_PASSWORD = "e2e-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        BrowserTests.sampleDatabase(registry, "reading", ADMIN_PASSWORD);
    }

    @Test
    void theWebApplicationPassesItsBrowserTests() throws Exception {
        BrowserTests.run("run.mjs", port, ADMIN_PASSWORD);
    }
}
