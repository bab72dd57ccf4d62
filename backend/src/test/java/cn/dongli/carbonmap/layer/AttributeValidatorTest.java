package cn.dongli.carbonmap.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AttributeValidatorTest {

    private final LayerCatalog catalog = new LayerCatalog();

    private AttributeValidator.Result check(String layer, Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return AttributeValidator.validate(catalog.get(layer), props);
    }

    @Test
    void aForestPlotInTheSurveyorsVocabularyIsUnderstood() {
        var r = check("forest_plots", "小班号", "DL-0001", "优势树种", "杨树", "郁闭度", "0.45", "造林年度", 2015.0,
                "蓄积量", 88.5, "调查日期", "20240501", "林场", "东丽湖林场");
        assertThat(r.problems()).isEmpty();
        assertThat(r.attributes()).containsEntry("plot_code", "DL-0001").containsEntry("species", "poplar")
                .containsEntry("canopy_closure", 0.45).containsEntry("planted_year", 2015)
                .containsEntry("stock_m3", 88.5).containsEntry("survey_date", LocalDate.of(2024, 5, 1));
        assertThat(r.extra()).containsEntry("林场", "东丽湖林场");
    }

    @Test
    void shapefileTruncatedFieldNamesFindTheirAttribute() {
        var r = check("pv_rooftops", "BUILDING_U", "factory", "BUILT_YEAR", 2023L, "ROOF_AREA_", 5000.0,
                "PV_INSTALL", "T", "PV_AREA_M2", 2500.0, "PV_CAPACIT", 450.0);
        assertThat(r.problems()).isEmpty();
        assertThat(r.attributes()).containsEntry("pv_installed", true).containsEntry("pv_capacity_kwp", 450.0);
    }

    @Test
    void chineseFieldNamesCutByAUtf8DbfStillMatch() {
        var r = check("forest_plots", "小班号", "DL-9", "优势树种", "侧柏", "郁闭度", 0.3, "蓄积量", 1.0, "调查日", "2024-06-01");
        assertThat(r.problems()).isEmpty();
        assertThat(r.attributes()).containsEntry("survey_date", LocalDate.of(2024, 6, 1));
    }

    @Test
    void landUseCodesBecomeClassesAndTheCodeIsKept() {
        var r = check("land_cover", "DLBM", "0301");
        assertThat(r.attributes()).containsEntry("class", "forest").containsEntry("source_code", "0301");
        assertThat(check("land_cover", "DLBM", "1101").attributes()).containsEntry("class", "water");
        assertThat(check("land_cover", "地类名称", "水浇地").attributes()).containsEntry("class", "cropland");
        assertThat(check("land_cover", "class", "wetland").attributes()).containsEntry("source_code", null);
    }

    @Test
    void outOfRangeValuesAreNamed() {
        var r = check("forest_plots", "plot_code", "X", "species", "poplar", "canopy_closure", 1.5, "stock_m3", -3);
        assertThat(r.problems()).containsExactly("canopy_closure: 1.5 is above the maximum 1",
                "stock_m3: -3 is below the minimum 0");
    }

    @Test
    void unknownCodesListTheAllowedOnes() {
        var r = check("parks", "name", "某公园", "status", "finished");
        assertThat(r.problems()).containsExactly("status: 'finished' is not one of planned, under_construction, built");
    }

    @Test
    void chineseStatusWordsAreAccepted() {
        assertThat(check("parks", "名称", "程林公园", "状态", "在建", "年份", "2024").attributes())
                .containsEntry("status", "under_construction").containsEntry("year", 2024);
        assertThat(check("farmland", "project", "p", "status", "已验收").attributes()).containsEntry("status", "accepted");
    }

    @Test
    void requiredAttributesMustBeThere() {
        assertThat(check("streets", "name", "张贵庄街道").problems()).containsExactly("code is required");
        assertThat(check("streets", "code", "12011000100", "name", "x").problems())
                .containsExactly("code: '12011000100' does not match the pattern \\d{12}");
        assertThat(check("streets", "code", 120110001000.0, "name", "x").problems()).isEmpty();
    }

    @Test
    void aRuleAcrossAttributesHolds() {
        var r = check("pv_rooftops", "building_use", "factory", "built_year", 2023, "roof_area_m2", 100.0,
                "pv_installed", false, "pv_area_m2", 50.0);
        assertThat(r.problems()).containsExactly("pv_installed is false but a PV area or capacity is given");
        var zone = check("zones", "code", "GL-1", "name", "一级管控区", "zone_type", "control_level");
        assertThat(zone.problems()).containsExactly("a control_level zone needs a level (1, 2 or 3)");
    }

    @Test
    void wrongTypesAreRefusedNotGuessed() {
        assertThat(check("pv_rooftops", "building_use", "factory", "built_year", "last year", "roof_area_m2", 1.0,
                "pv_installed", "maybe").problems())
                .containsExactly("built_year: 'last year' is not a number",
                        "pv_installed: expected true or false, got 'maybe'");
        assertThat(check("parks", "name", Map.of("a", 1), "status", "built").problems())
                .containsExactly("name: expected text, got an object");
    }
}
