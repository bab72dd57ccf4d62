package cn.dongli.carbonmap.survey;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.dongli.carbonmap.support.StorageProfile;

/** Surveys on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2GisSurveyApiTest extends SurveyApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StorageProfile.H2GIS.register(registry);
    }

    @Override
    String dropFrozen() {
        return "DROP TRIGGER season_feature_frozen; DELETE FROM season_feature";
    }

    @Override
    String recreateTrigger() {
        return "CREATE TRIGGER season_feature_frozen BEFORE UPDATE, DELETE ON season_feature FOR EACH ROW CALL "
                + "\"cn.dongli.carbonmap.layer.store.FrozenRowsTrigger\"";
    }
}
