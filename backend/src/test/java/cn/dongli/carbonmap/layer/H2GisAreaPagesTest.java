package cn.dongli.carbonmap.layer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The map's pages by area on the embedded H2GIS default (its boxes in memory name the candidates). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2GisAreaPagesTest extends AreaPagesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }
}
