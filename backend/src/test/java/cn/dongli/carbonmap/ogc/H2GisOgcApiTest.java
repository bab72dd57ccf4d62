package cn.dongli.carbonmap.ogc;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The OGC API on the embedded H2GIS default, with the Dongli sample data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a context with its own database and the whole sample: closed after the class, never reused
@DirtiesContext
class H2GisOgcApiTest extends OgcApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
        registry.add("carbonmap.load-sample", () -> "true");
    }
}
