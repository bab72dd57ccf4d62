package cn.dongli.carbonmap.survey;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** Surveys on PostgreSQL + PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgis")
class PostgisSurveyApiTest extends SurveyApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.POSTGIS.register(registry);
    }

    @Override
    String dropFrozen() {
        return "ALTER TABLE season_feature DISABLE TRIGGER season_feature_frozen; DELETE FROM season_feature";
    }

    @Override
    String recreateTrigger() {
        return "ALTER TABLE season_feature ENABLE TRIGGER season_feature_frozen";
    }
}
