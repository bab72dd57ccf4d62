package cn.dongli.carbonmap.layer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The layer API on PostgreSQL + PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"carbonmap.import-limits.max-bytes=200000",
        "carbonmap.import-limits.max-uncompressed-bytes=4000000"})
@ActiveProfiles("postgis")
class PostgisLayerApiTest extends LayerApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
