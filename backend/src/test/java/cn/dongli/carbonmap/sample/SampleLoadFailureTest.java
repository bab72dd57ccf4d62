package cn.dongli.carbonmap.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.importer.FeatureImporter;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.support.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, item 10: a sample load that fails (here the parks' import, after four layers are written) never stops the
 * server. Before, the exception left the runner and Spring shut the application down ("Application run failed"): this
 * context did not start. Now the failure is logged, readiness stays up with its {@code sampleData} component saying
 * {@code SAMPLE_DATA_FAILED}, {@code /api/config} tells the page, and the database is as it was: empty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleLoadFailureTest {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @DynamicPropertySource
    static void sampleDatabase(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("carbonmap-sample-failure-").toString();
        registry.add("carbonmap.data-dir", () -> dir);
        registry.add("carbonmap.load-sample", () -> "true");
        registry.add("CARBONMAP_ADMIN_PASSWORD", () -> HttpApi.ADMIN_PASSWORD);
        registry.add("carbonmap.unit-metrics-refresh", () -> "0s");
    }

    /** The importer, failing on the parks of the sample. */
    @TestConfiguration
    static class FailingParks {
        @Bean
        static BeanPostProcessor failingParks() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof FeatureImporter importer) {
                        FeatureImporter spy = Mockito.spy(importer);
                        doThrow(new IllegalStateException("the parks of the sample overlap a park already there"))
                                .when(spy).importDataset(argThat(l -> l != null
                                        && l.name().equals(LayerCatalog.PARKS)), any(), anyBoolean());
                        return spy;
                    }
                    return bean;
                }
            };
        }
    }

    @Test
    void aFailedSampleLoadKeepsTheServerUpSaysSoAndLeavesTheDatabaseAsItWas() {
        HttpApi api = new HttpApi(port);
        HttpApi.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode sample = readiness.json().get("components").get("sampleData");
        assertThat(sample.get("status").asString()).isEqualTo("SAMPLE_DATA_FAILED");
        assertThat(sample.get("description").asString()).contains("overlap a park");

        JsonNode config = api.get("/api/config").json().get("sampleData");
        assertThat(config.get("state").asString()).isEqualTo("failed");
        assertThat(config.get("reason").asString()).contains("overlap a park");

        for (var layer : catalog.all()) {
            assertThat(store.count(layer)).as(layer.name()).isZero();
        }
        assertThat(api.get("/api/seasons").json().size()).isZero();
        // and it takes writes
        HttpApi.Response zone = api.asAdmin().post("/api/layers/zones/features", "application/geo+json",
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117.40,39.10],"
                        + "[117.41,39.10],[117.41,39.11],[117.40,39.11],[117.40,39.10]]]},\"properties\":{\"code\":"
                        + "\"Z1\",\"name\":\"芯\",\"zone_type\":\"core\"}}");
        assertThat(zone.status()).as(zone.body()).isBetween(200, 499).isNotEqualTo(503);
    }
}
