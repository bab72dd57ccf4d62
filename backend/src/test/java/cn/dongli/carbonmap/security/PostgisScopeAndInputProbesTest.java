package cn.dongli.carbonmap.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The street-scope and input probes on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisScopeAndInputProbesTest extends ScopeAndInputProbesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
