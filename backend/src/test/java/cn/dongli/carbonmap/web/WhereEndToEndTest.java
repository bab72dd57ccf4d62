package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.BrowserTests;

/**
 * The "where to act" views (差距与候选 and 光伏潜力, issue 13) of the scenario tab and of the indicators tab in a real
 * browser: starts CarbonMap on its own fresh embedded database with the Dongli sample data and runs
 * {@code web/e2e/where.mjs} (playwright-core driving Debian's Chromium at 1440×900) against it — the level-1 control
 * zone's gap and closing set against {@code /api/candidates}, the xlsx and csv exports, "加入情景" into a new scenario
 * (its gap smaller in {@code /api/scenarios/{id}/metrics}, live {@code /api/metrics} unchanged), the PV rows per street
 * against {@code /api/pv/potential}, the yield parameter changed (kWh in proportion), refused (422) and restored; both
 * views folded on the indicators tab for an anonymous reader (fetched when unfolded, no editing, the candidates off the
 * map on another tab). The tests write (a scenario with drafts, a PV parameter), so they have a database of their own.
 * A machine without Chromium or Node fails here with the package to install: this test never skips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhereEndToEndTest {

    private static final String ADMIN_PASSWORD = "e2e-where-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        BrowserTests.sampleDatabase(registry, "where", ADMIN_PASSWORD);
    }

    @Test
    void theWhereToActViewsInTheBrowserPassTheirTests() throws Exception {
        BrowserTests.run("where.mjs", port, ADMIN_PASSWORD);
    }
}
