package cn.dongli.carbonmap.export;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** Exports on PostgreSQL + PostGIS, with the Dongli sample data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a context with its own database and the whole sample: closed after the class, never reused
@DirtiesContext
@ActiveProfiles("postgis")
class PostgisExportTest extends ExportContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
        registry.add("carbonmap.load-sample", () -> "true");
    }
}
