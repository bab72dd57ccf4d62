package cn.dongli.carbonmap.hostile;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** The hostile-input corpus and the slow clients on PostgreSQL + PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.connection-timeout=3000ms", "carbonmap.requests.body-timeout=2000ms",
            "carbonmap.requests.max-json-bytes=1048576", "carbonmap.import-limits.max-bytes=33554432"})
@ActiveProfiles("postgis")
class PostgisHostileInputTest extends HostileInputContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }
}
