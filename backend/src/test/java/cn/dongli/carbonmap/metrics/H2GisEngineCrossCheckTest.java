package cn.dongli.carbonmap.metrics;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The engine fed from H2Gis against the PostGIS reference. */
@SpringBootTest
class H2GisEngineCrossCheckTest extends EngineCrossCheckContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }
}
