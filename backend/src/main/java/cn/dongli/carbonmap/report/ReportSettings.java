package cn.dongli.carbonmap.report;

/**
 * What the reports are printed with.
 *
 * @param font a font file with Chinese glyphs for the reports, or null to look for an installed one
 */
public record ReportSettings(String font) {
}
