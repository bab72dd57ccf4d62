/**
 * What the printable reports share: the font with Chinese glyphs they are set in ({@link
 * cn.dongli.carbonmap.report.CjkFont}), A4 PDF pages with text, tables and pictures ({@link
 * cn.dongli.carbonmap.report.PdfPages}), and how figures are written in them ({@link
 * cn.dongli.carbonmap.report.ReportText}).
 */
package cn.dongli.carbonmap.report;
