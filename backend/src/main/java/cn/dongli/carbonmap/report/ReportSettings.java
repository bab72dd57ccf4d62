package cn.dongli.carbonmap.survey;

/**
 * @param font a font file with Chinese glyphs for the reports, or null to look for an installed one
 */
public record ReportSettings(String font) {
}
