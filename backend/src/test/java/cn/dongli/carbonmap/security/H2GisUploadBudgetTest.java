package cn.dongli.carbonmap.security;

import org.springframework.boot.test.context.SpringBootTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** No upload can exhaust the server, on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=4", "carbonmap.import-limits.read-timeout=2s",
            "carbonmap.import-limits.max-features=2000", "carbonmap.import-limits.max-vertices-per-geometry=20000",
            "carbonmap.import-limits.max-vertices=60000", "carbonmap.import-limits.threads=1",
            "carbonmap.import-limits.queue=2"})
class H2GisUploadBudgetTest extends UploadBudgetContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }
}
