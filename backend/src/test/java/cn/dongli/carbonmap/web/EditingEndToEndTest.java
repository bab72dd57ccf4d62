package cn.dongli.carbonmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("carbonmap-e2e-edit-");
        registry.add("carbonmap.data-dir", dataDir::toString);
        registry.add("carbonmap.load-sample", () -> "true");
        registry.add("CARBONMAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @Test
    void editingInTheBrowserPassesItsTests() throws Exception {
        Path root = repositoryRoot();
        assertTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing: install Debian's package 'chromium' (apt-get install chromium)");
        assertTrue(Files.isDirectory(root.resolve("web/node_modules/playwright-core")),
                "web/node_modules/playwright-core is missing: build the web module first (mvn package runs npm ci)");

        ProcessBuilder pb = new ProcessBuilder("node", "web/e2e/edit.mjs", "--base", "http://127.0.0.1:" + port)
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("CARBONMAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        System.out.println("browser editing tests with " + CHROMIUM);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("node is missing: install Debian's package 'nodejs' (Node 20)", e);
        }
        // copied line by line through System.out: Surefire's forked JVM must not have its native stdout written to
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("reading the browser tests' output failed: " + e);
            }
        }, "e2e-edit-output");
        copier.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser editing tests did not finish within 5 minutes");
        }
        copier.join(10_000);
        assertEquals(0, process.exitValue(), "browser editing tests failed (see the ✗ lines above)");
    }

    /** The repository's root: the first folder above the working directory (backend/) that holds web/e2e. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("web/e2e/edit.mjs"))) {
                return p;
            }
        }
        throw new IllegalStateException("web/e2e/edit.mjs not found above " + Path.of("").toAbsolutePath());
    }
}
