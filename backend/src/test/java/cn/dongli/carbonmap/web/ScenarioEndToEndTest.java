package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.BrowserTests;

/**
 * The planning scenarios tab (规划情景, issue 12) in a real browser: starts CarbonMap on its own fresh embedded database
 * with the Dongli sample data and runs {@code web/e2e/scenario.mjs} (playwright-core driving Debian's Chromium at
 * 1440×900) against it — a scenario created in the tab, its figures on the cards against
 * {@code /api/scenarios/{id}/metrics}, a project unticked, a park drawn and a park deleted as drafts, the live layers
 * and {@code /api/metrics} unchanged, a comparison with its exports, a draft in conflict resolved, an editor limited to
 * one layer, a viewer of a shared scenario, English. The tests write (accounts, scenarios, drafts, one live park's
 * year), so they have a database of their own. A machine without Chromium or Node fails here with the package to
 * install: this test never skips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScenarioEndToEndTest {

    private static final String ADMIN_PASSWORD = "e2e-scenario-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        BrowserTests.sampleDatabase(registry, "scenario", ADMIN_PASSWORD);
    }

    @Test
    void theScenarioTabInTheBrowserPassesItsTests() throws Exception {
        BrowserTests.run("scenario.mjs", port, ADMIN_PASSWORD);
    }
}
