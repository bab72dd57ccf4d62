package cn.dongli.carbonmap.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.BrowserTests;

/**
 * Editing in a real browser (issue 5): starts CarbonMap on its own fresh embedded database with the Dongli sample data
 * — the tests write, so they must not share a database with the reading tests of {@link BrowserEndToEndTest} — and
 * runs {@code web/e2e/edit.mjs} (playwright-core driving Debian's Chromium) against it. The tests create their
 * accounts through the admin API with the password set here. A machine without Chromium or Node fails here with the
 * package to install: this test never skips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EditingEndToEndTest {

    private static final String ADMIN_PASSWORD = "e2e-edit-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        BrowserTests.sampleDatabase(registry, "edit", ADMIN_PASSWORD);
    }

    @Test
    void editingInTheBrowserPassesItsTests() throws Exception {
        BrowserTests.run("edit.mjs", port, ADMIN_PASSWORD);
    }
}
