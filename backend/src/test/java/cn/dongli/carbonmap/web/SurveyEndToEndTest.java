package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.BrowserTests;

/**
 * The survey tab in a real browser (issue 7): starts CarbonMap on its own fresh embedded database with the Dongli sample
 * data — its three seeded survey seasons (2023 and 2024 frozen, 2025 open on the live plots) — and runs
 * {@code web/e2e/survey.mjs} (playwright-core driving Debian's Chromium) against it at tablet sizes (1024×768 and, with
 * touch, 768×1024). The tests write (plots, a carbon parameter, and last they close the open season), so they have a
 * database of their own. A machine without Chromium or Node fails here with the package to install: this test never
 * skips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyEndToEndTest {

    private static final String ADMIN_PASSWORD = "e2e-survey-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        BrowserTests.sampleDatabase(registry, "survey", ADMIN_PASSWORD);
    }

    @Test
    void theSurveyTabInTheBrowserPassesItsTests() throws Exception {
        BrowserTests.run("survey.mjs", port, ADMIN_PASSWORD);
    }
}
