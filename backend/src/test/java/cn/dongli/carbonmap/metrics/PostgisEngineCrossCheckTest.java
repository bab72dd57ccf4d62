package cn.dongli.carbonmap.metrics;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The engine fed from Postgis against the PostGIS reference. */
@SpringBootTest
@ActiveProfiles("postgis")
class PostgisEngineCrossCheckTest extends EngineCrossCheckContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
