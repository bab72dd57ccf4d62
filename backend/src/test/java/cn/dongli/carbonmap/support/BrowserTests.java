package cn.dongli.carbonmap.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs one of the browser test scripts of {@code web/e2e/} (playwright-core driving Debian's Chromium) against a
 * CarbonMap started by the calling test. A machine without Chromium or Node fails here with the package to install:
 * these tests never skip.
 */
public final class BrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserTests() {
    }

    /** A fresh embedded database with the Dongli sample data, and the first admin's password. */
    public static void sampleDatabase(DynamicPropertyRegistry registry, String name, String adminPassword)
            throws IOException {
        Path dataDir = Files.createTempDirectory("carbonmap-e2e-" + name + "-");
        registry.add("carbonmap.data-dir", dataDir::toString);
        registry.add("carbonmap.load-sample", () -> "true");
        registry.add("CARBONMAP_ADMIN_PASSWORD", () -> adminPassword);
    }

    /**
     * Runs {@code web/e2e/<script>} against {@code http://127.0.0.1:<port>} and fails unless every test in it passes
     * within five minutes; its output is copied to the test's.
     */
    public static void run(String script, int port, String adminPassword) throws Exception {
        Path root = repositoryRoot(script);
        assertTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing: install Debian's package 'chromium' (apt-get install chromium)");
        String node = nodeVersion();
        assertTrue(Files.isDirectory(root.resolve("web/node_modules/playwright-core")),
                "web/node_modules/playwright-core is missing: build the web module first (mvn package runs npm ci)");

        ProcessBuilder pb = new ProcessBuilder("node", "web/e2e/" + script, "--base", "http://127.0.0.1:" + port)
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("CARBONMAP_ADMIN_PASSWORD", adminPassword);
        System.out.println("browser tests " + script + " with node " + node + " and " + CHROMIUM);
        Process process = pb.start();
        // copied line by line through System.out: Surefire's forked JVM must not have its native stdout written to
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("reading the browser tests' output failed: " + e);
            }
        }, "e2e-output-" + script);
        copier.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser tests of " + script + " did not finish within 5 minutes");
        }
        copier.join(10_000);
        assertEquals(0, process.exitValue(), "browser tests of " + script + " failed (see the ✗ lines above)");
    }

    /** The repository's root: the first folder above the working directory (backend/) that holds the script. */
    private static Path repositoryRoot(String script) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("web/e2e/" + script))) {
                return p;
            }
        }
        throw new IllegalStateException("web/e2e/" + script + " not found above " + Path.of("").toAbsolutePath());
    }

    private static String nodeVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of("node", "--version")).redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).trim();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "node --version failed: " + version);
            return version;
        } catch (IOException e) {
            throw new AssertionError("node is missing: install Debian's package 'nodejs' (Node 20)", e);
        }
    }
}
