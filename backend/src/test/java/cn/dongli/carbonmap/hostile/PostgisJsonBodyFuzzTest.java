package cn.dongli.carbonmap.hostile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The JSON-body fuzzer of every write endpoint on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisJsonBodyFuzzTest extends JsonBodyFuzzContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
