package cn.dongli.carbonmap.layer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The map's pages by area on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisAreaPagesTest extends AreaPagesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
