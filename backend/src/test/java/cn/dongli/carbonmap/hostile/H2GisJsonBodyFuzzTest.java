package cn.dongli.carbonmap.hostile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The JSON-body fuzzer of every write endpoint on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2GisJsonBodyFuzzTest extends JsonBodyFuzzContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }
}
