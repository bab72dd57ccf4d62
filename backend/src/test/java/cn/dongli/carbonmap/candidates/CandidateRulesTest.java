package cn.dongli.carbonmap.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.dongli.carbonmap.candidates.CandidateRules.Rule;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;

/** The conversion rules a configuration may give: farmland protection (耕地保护) holds whatever is configured. */
class CandidateRulesTest {

    private static final MetricsDefinitions DEFS = MetricsDefinitions.defaults();

    private static CandidateRules farmland(Rule... rules) {
        return new CandidateRules(null, null, List.of(rules), null, null);
    }

    @Test
    void theDefaultsCompleteProjectsStillToBuildAndUpgradeCropland() {
        CandidateRules rules = CandidateRules.defaults().checked(DEFS);
        Rule projects = rules.farmlandMu().get(0);
        assertThat(projects.layer()).isEqualTo("farmland");
        // every status but the one counted as built
        assertThat(projects.statuses()).containsExactly("planned", "under_construction");
        Rule cropland = rules.farmlandMu().get(1);
        assertThat(cropland.classes()).containsExactly("cropland");
        assertThat(cropland.becomes()).isEqualTo(CandidateRules.NEW_FARMLAND);
        assertThat(rules.of("farmlandMu")).isEqualTo(rules.farmlandMu());
        assertThat(CandidateRules.isArea("farmlandMu")).isTrue();
        assertThat(CandidateRules.isArea("forestCover")).isFalse();
    }

    @Test
    void croplandIsNeverConvertedToAnythingButAFarmlandProject() {
        CandidateRules toPark = new CandidateRules(List.of(Rule.landCover(List.of("bare", "cropland"), "park_green")),
                null, null, null, null);
        assertThatThrownBy(() -> toPark.checked(DEFS)).hasMessageContaining("blueGreenShare[0]")
                .hasMessageContaining("cropland is protected");
        CandidateRules toForest = new CandidateRules(null, List.of(Rule.landCover(List.of("cropland"),
                CandidateRules.NEW_FOREST_PLOT)), null, null, null);
        assertThatThrownBy(() -> toForest.checked(DEFS)).hasMessageContaining("forestCover[0]")
                .hasMessageContaining("cropland is protected");
    }

    @Test
    void farmlandIsBuiltOnCultivatedOrReclaimedLandOnlyAndOnlyForTheFarmlandIndicator() {
        assertThatThrownBy(() -> farmland(Rule.landCover(List.of("forest"), CandidateRules.NEW_FARMLAND)).checked(DEFS))
                .hasMessageContaining("farmlandMu[0]").hasMessageContaining("not on [forest]");
        assertThatThrownBy(() -> farmland(Rule.landCover(List.of("bare"), "park_green")).checked(DEFS))
                .hasMessageContaining("becomes 'farmland_project'");
        CandidateRules onBareForBlueGreen = new CandidateRules(List.of(Rule.landCover(List.of("bare"),
                CandidateRules.NEW_FARMLAND)), null, null, null, null);
        assertThatThrownBy(() -> onBareForBlueGreen.checked(DEFS)).hasMessageContaining("only farmlandMu");
        assertThat(farmland(Rule.landCover(List.of("cropland", "bare"), CandidateRules.NEW_FARMLAND)).checked(DEFS)
                .farmlandMu()).hasSize(1);
    }

    @Test
    void aProjectRuleNamesStatusesStillToBuild() {
        Rule accepted = new Rule("farmland", null, null, List.of("accepted"), null, CandidateRules.BUILT, null, null);
        assertThatThrownBy(() -> farmland(accepted).checked(DEFS)).hasMessageContaining("'accepted' is not a status"
                + " of a farmland project still to be built");
        Rule planned = new Rule("farmland", null, null, List.of("planned"), null, CandidateRules.BUILT, null, null);
        assertThat(farmland(planned).checked(DEFS).farmlandMu().get(0).statuses()).containsExactly("planned");
        Rule forBlueGreen = new Rule("farmland", null, null, null, null, CandidateRules.BUILT, null, null);
        assertThatThrownBy(() -> new CandidateRules(List.of(forBlueGreen), null, null, null, null).checked(DEFS))
                .hasMessageContaining("candidates of farmlandMu only");
    }
}
