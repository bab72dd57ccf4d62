package cn.dongli.carbonmap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * No configuration shipped with CarbonMap holds a password: every password or secret property is read from the
 * environment with no default, so a deployment that forgets to set one fails to connect instead of running with a
 * password everyone can read here.
 */
class NoDefaultPasswordsTest {

    @Test
    void everyPasswordPropertyComesFromTheEnvironmentWithoutADefault() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:application*.properties");
        List<String> secrets = new ArrayList<>();
        for (Resource file : files) {
            if (file.getURL().toString().contains("test-classes")) {
                continue; // the tests' own settings, not shipped
            }
            Properties p = new Properties();
            try (InputStream in = file.getInputStream()) {
                p.load(in);
            }
            for (String name : p.stringPropertyNames()) {
                if (name.toLowerCase().matches(".*(password|secret|credential).*")) {
                    secrets.add(file.getFilename() + ": " + name + "=" + p.getProperty(name));
                }
            }
        }
        assertThat(secrets).as("the postgis profile names its database password").anyMatch(s -> s.startsWith(
                "application-postgis.properties: spring.datasource.password="));
        assertThat(secrets).allSatisfy(s -> assertThat(s.substring(s.indexOf('=') + 1))
                .as(s).matches("\\$\\{[A-Z_]+:?}"));
    }
}
