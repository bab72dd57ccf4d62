package cn.dongli.carbonmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} and {@code docker/Dockerfile}. No Docker engine runs on the test machines, so the compose
 * file is checked by Docker's own parser without starting anything: {@code docker compose config} when the compose
 * plugin is installed, otherwise Debian's {@code docker-compose} (1.29, the Compose Specification), which the test
 * command installs. Its structure is checked too: pinned images, health checks, volumes, the postgis profile's
 * environment.
 */
class DockerDeploymentTest {

    private static final Map<String, String> ENV = Map.of("POSTGRES_PASSWORD", "pg-secret",
            "CARBONMAP_ADMIN_PASSWORD", "admin-secret", "GEOSERVER_ADMIN_PASSWORD", "gs-secret");

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        Path compose = Repository.root().resolve("docker/compose.yaml");
        List<String> command;
        if (runs(List.of("docker", "compose", "version"))) {
            command = List.of("docker", "compose", "-f", compose.toString(), "config");
        } else if (runs(List.of("docker-compose", "version"))) {
            command = List.of("docker-compose", "-f", compose.toString(), "config");
        } else {
            command = null;
            fail("neither 'docker compose' (the compose plugin) nor 'docker-compose' runs here: install Debian's package"
                    + " 'docker-compose' (scripts/test.sh does) to check docker/compose.yaml");
        }
        System.out.println("checking docker/compose.yaml with: " + String.join(" ", command));
        Result r = run(command);
        assertThat(r.exit()).as(r.output()).isZero();
        Map<String, Object> resolved = new Yaml().load(r.output());
        Map<String, Map<String, Object>> services = map(resolved.get("services"));
        assertThat(services).containsOnlyKeys("postgis", "carbonmap", "geoserver");
        Map<String, Object> env = map(services.get("carbonmap").get("environment"));
        assertThat(env).containsEntry("PGPASSWORD", "pg-secret").containsEntry("CARBONMAP_ADMIN_PASSWORD", "admin-secret");

        // without the secrets the file refuses to start rather than running with empty passwords
        Result missing = run(command, Map.of());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("POSTGRES_PASSWORD");
    }

    @Test
    void theComposeFileRunsPostgisGeoserverAndCarbonmapWithHealthChecksAndVolumes() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Repository.root().resolve("docker/compose.yaml")));
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        assertThat(services).containsOnlyKeys("postgis", "carbonmap", "geoserver");
        assertThat(services.get("postgis").get("image")).isEqualTo("postgis/postgis:15-3.4");
        assertThat((String) services.get("geoserver").get("image")).matches("docker\\.osgeo\\.org/geoserver:\\d+\\.\\d+\\.\\d+");
        assertThat(map(services.get("carbonmap").get("build"))).containsEntry("dockerfile", "docker/Dockerfile");
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            assertThat(s.getValue()).as(s.getKey()).containsKeys("healthcheck", "volumes", "restart");
            assertThat(map(s.getValue().get("healthcheck"))).as(s.getKey()).containsKeys("test", "interval", "retries");
        }
        assertThat(map(compose.get("volumes"))).containsOnlyKeys("pgdata", "carbonmap_data", "geoserver_data");
        Map<String, Object> env = map(services.get("carbonmap").get("environment"));
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgis").containsEntry("PGHOST", "postgis")
                .containsKeys("PGDATABASE", "PGUSER", "PGPASSWORD", "CARBONMAP_ADMIN_PASSWORD", "CARBONMAP_GEOSERVER_URL")
                // forwarded headers only from the configured proxies; Boot's strategy (any client) is refused at start
                .containsKeys("CARBONMAP_HTTP_TRUSTED_PROXIES", "CARBONMAP_HTTP_ALLOWED_HOSTS")
                .doesNotContainKey("SERVER_FORWARD_HEADERS_STRATEGY");
        assertThat(map(map(services.get("carbonmap").get("depends_on")).get("postgis")))
                .containsEntry("condition", "service_healthy");
        assertThat(services.get("carbonmap").get("healthcheck").toString()).contains("/actuator/health");
    }

    @Test
    void theImageRunsTheRepositorysJarOnJava17() throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre")
                .contains("COPY backend/target/carbonmap.jar /opt/carbonmap/carbonmap.jar")
                .contains("USER carbonmap").contains("HEALTHCHECK").contains("/actuator/health");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    private static boolean runs(List<String> command) {
        try {
            return run(command).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws IOException {
        return run(command, ENV);
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Repository.root().toFile());
        pb.environment().keySet().removeAll(ENV.keySet());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, T>) o;
    }
}
