package cn.dongli.carbonmap.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.report.PdfPages;
import cn.dongli.carbonmap.report.ReportText;
import cn.dongli.carbonmap.report.XlsxStyles;

/**
 * The comparison of the live state and scenarios as an Excel workbook and as an A4 PDF report in Chinese: what each
 * scenario assumes, each target with its value, status and gap per column, the main figures per unit, and (PDF) the
 * map of what each scenario changes. Units are written out: m², 公顷, 亩, m³, tCO₂.
 */
final class ComparisonReport {

    private ComparisonReport() {
    }

    /** A figure of a unit as the tables show it. */
    private record Measure(String label, String unit, Function<UnitMetrics, Double> value, boolean share) {
    }

    private static final List<Measure> MEASURES = List.of(
            new Measure("面积", "公顷", m -> m.areaM2() / 1e4, false),
            new Measure("蓝绿空间面积", "公顷", m -> m.blueGreenM2() / 1e4, false),
            new Measure("蓝绿空间占比", "%", UnitMetrics::blueGreenShare, true),
            new Measure("森林面积", "公顷", m -> m.forestM2() / 1e4, false),
            new Measure("森林覆盖率", "%", UnitMetrics::forestCover, true),
            new Measure("森林蓄积量", "m³", UnitMetrics::forestStockM3, false),
            new Measure("二氧化碳当量（乔木生物量）", "tCO₂", UnitMetrics::co2T, false),
            new Measure("新建公共机构、厂房屋顶", "个", m -> (double) m.pvEligible(), false),
            new Measure("其中已装光伏", "个", m -> (double) m.pvInstalled(), false),
            new Measure("屋顶光伏覆盖率（按个数）", "%", UnitMetrics::pvCountShare, true),
            new Measure("建成并验收的高标准农田", "亩", UnitMetrics::farmlandMu, false));

    /** The measures the PDF tables show per unit (the workbook has them all). */
    private static final List<String> PDF_MEASURES = List.of("蓝绿空间占比", "森林覆盖率", "森林蓄积量",
            "屋顶光伏覆盖率（按个数）", "建成并验收的高标准农田");

    /** What a scenario assumes, in a sentence per column. */
    static String assumptions(Comparison.Column c, int drafts) {
        if (c.scenario() == null) {
            return "现状：各图层的当前数据";
        }
        Scenario s = c.scenario();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : s.countAsDone().entrySet()) {
            parts.add(layerName(e.getKey()) + "中" + String.join("、", e.getValue().stream().map(ComparisonReport::status)
                    .toList()) + "的项目按" + status(cn.dongli.carbonmap.metrics.Assumptions.doneStatus(e.getKey()))
                    + "计");
        }
        if (s.countAsDoneUpToYear() != null) {
            parts.add("仅计年份不晚于" + s.countAsDoneUpToYear() + "年的项目");
        }
        parts.add("草稿编辑 " + drafts + " 处");
        return "目标年份 " + s.year() + " 年；" + String.join("；", parts) + "；作者 " + s.author()
                + (s.description() == null || s.description().isBlank() ? "" : "。" + s.description());
    }

    private static String layerName(String layer) {
        return switch (layer) {
            case "parks" -> "公园绿地";
            case "farmland" -> "高标准农田";
            default -> layer;
        };
    }

    private static String status(String s) {
        return switch (s) {
            case "planned" -> "规划";
            case "under_construction" -> "在建";
            case "built" -> "已建成";
            case "accepted" -> "已验收";
            default -> s;
        };
    }

    private static String heading(Comparison.Column c) {
        return c.scenario() == null ? "现状（" + c.year() + "）" : c.name() + "（" + c.year() + "年）";
    }

    // --- workbook -------------------------------------------------------------------------------------------------

    static byte[] xlsx(Comparison.Table t, Map<String, Integer> drafts, LocalDate date) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XlsxStyles styles = XlsxStyles.of(wb, "#,##0.00");
            XSSFCellStyle header = styles.header();
            XSSFCellStyle percent = styles.percent();
            XSSFCellStyle number = styles.number();

            XSSFSheet about = wb.createSheet("情景说明");
            about.createRow(0).createCell(0).setCellValue("规划情景对比 · 制表日期 " + date);
            about.getRow(0).getCell(0).setCellStyle(header);
            styles.header(about.createRow(2), "列", "名称", "目标年份", "假设");
            int r = 3;
            for (Comparison.Column c : t.columns()) {
                XSSFRow x = about.createRow(r++);
                x.createCell(0).setCellValue(c.key());
                x.createCell(1).setCellValue(c.name());
                x.createCell(2).setCellValue(c.year());
                x.createCell(3).setCellValue(assumptions(c, drafts.getOrDefault(c.key(), 0)));
            }
            about.setColumnWidth(1, 30 * 256);
            about.setColumnWidth(3, 100 * 256);

            XSSFSheet targets = wb.createSheet("目标与缺口");
            List<String> head = new ArrayList<>(List.of("单元", "目标", "目标值", "年份"));
            for (Comparison.Column c : t.columns()) {
                head.add(heading(c) + " 数值");
                head.add(heading(c) + " 状态");
                head.add(heading(c) + " 缺口");
            }
            styles.header(targets.createRow(0), head.toArray(String[]::new));
            r = 1;
            for (Comparison.Row row : t.rows()) {
                List<UnitMetrics.TargetStatus> first = row.figures().get(0).targets();
                for (int ti = 0; ti < first.size(); ti++) {
                    UnitMetrics.TargetStatus t0 = first.get(ti);
                    XSSFRow x = targets.createRow(r++);
                    x.createCell(0).setCellValue(row.name());
                    x.createCell(1).setCellValue(t0.title().get("zh"));
                    x.createCell(2).setCellValue(ReportText.targetText(t0));
                    x.createCell(3).setCellValue(t0.year());
                    int col = 4;
                    for (UnitMetrics m : row.figures()) {
                        UnitMetrics.TargetStatus ts = m.targets().get(ti);
                        x.createCell(col++).setCellValue(ReportText.valueText(ts));
                        x.createCell(col++).setCellValue(ReportText.status(ts.status()));
                        x.createCell(col++).setCellValue(ReportText.gapText(ts.gap()));
                    }
                }
            }
            targets.setColumnWidth(0, 18 * 256);
            targets.setColumnWidth(1, 40 * 256);
            for (int c = 4; c < head.size(); c++) {
                targets.setColumnWidth(c, 22 * 256);
            }

            XSSFSheet figures = wb.createSheet("指标对比");
            head = new ArrayList<>(List.of("单元", "类型", "指标", "单位"));
            for (Comparison.Column c : t.columns()) {
                head.add(heading(c));
            }
            styles.header(figures.createRow(0), head.toArray(String[]::new));
            r = 1;
            for (Comparison.Row row : t.rows()) {
                for (Measure measure : MEASURES) {
                    XSSFRow x = figures.createRow(r++);
                    x.createCell(0).setCellValue(row.name());
                    x.createCell(1).setCellValue(row.unit());
                    x.createCell(2).setCellValue(measure.label());
                    x.createCell(3).setCellValue(measure.unit());
                    int col = 4;
                    for (UnitMetrics m : row.figures()) {
                        Double v = measure.value().apply(m);
                        if (v != null) {
                            x.createCell(col).setCellValue(v);
                            x.getCell(col).setCellStyle(measure.share() ? percent : number);
                        }
                        col++;
                    }
                }
            }
            figures.setColumnWidth(0, 18 * 256);
            figures.setColumnWidth(2, 28 * 256);
            for (int c = 4; c < head.size(); c++) {
                figures.setColumnWidth(c, 20 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- PDF ------------------------------------------------------------------------------------------------------

    static byte[] pdf(Comparison.Table t, Map<String, Integer> drafts, LocalDate date, Path fontFile, byte[] mapPng) {
        try (PdfPages pdf = new PdfPages(fontFile)) {
            pdf.text("规划情景对比报告", 18, true);
            pdf.space(8);
            pdf.text("东丽区碳汇与空间规划一张图 · 制表日期 " + date, 10, false);
            pdf.space(10);

            pdf.section("情景与假设");
            for (Comparison.Column c : t.columns()) {
                pdf.row(new String[] {heading(c), assumptions(c, drafts.getOrDefault(c.key(), 0))},
                        new float[] {130, PdfPages.TEXT_WIDTH - 130});
            }

            int n = t.columns().size();
            float first = 150;
            float[] widths = new float[n + 1];
            widths[0] = first;
            for (int i = 1; i <= n; i++) {
                widths[i] = (PdfPages.TEXT_WIDTH - first) / n;
            }
            String[] columnHeads = new String[n + 1];
            for (int i = 0; i < n; i++) {
                columnHeads[i + 1] = heading(t.columns().get(i));
            }

            pdf.section("碳达峰实施方案目标：现值、状态与缺口");
            columnHeads[0] = "单元 · 目标";
            pdf.row(columnHeads, widths);
            for (Comparison.Row row : t.rows()) {
                List<UnitMetrics.TargetStatus> targets = row.figures().get(0).targets();
                for (int ti = 0; ti < targets.size(); ti++) {
                    String[] cells = new String[n + 1];
                    UnitMetrics.TargetStatus t0 = targets.get(ti);
                    cells[0] = row.name() + " · " + t0.title().get("zh") + "（" + ReportText.targetText(t0) + "，"
                            + t0.year() + "年）";
                    for (int i = 0; i < n; i++) {
                        UnitMetrics.TargetStatus ts = row.figures().get(i).targets().get(ti);
                        cells[i + 1] = ReportText.valueText(ts) + " " + ReportText.status(ts.status()) + "\n"
                                + ReportText.gapText(ts.gap());
                    }
                    pdf.row(cells, widths);
                }
            }

            for (String label : PDF_MEASURES) {
                Measure measure = MEASURES.stream().filter(m -> m.label().equals(label)).findFirst().orElseThrow();
                pdf.section(measure.label() + "（" + measure.unit() + "）");
                columnHeads[0] = "单元";
                pdf.row(columnHeads, widths);
                for (Comparison.Row row : t.rows()) {
                    String[] cells = new String[n + 1];
                    cells[0] = row.name();
                    for (int i = 0; i < n; i++) {
                        Double v = measure.value().apply(row.figures().get(i));
                        cells[i + 1] = measure.share() ? ReportText.pct(v) : v == null ? "—"
                                : ReportText.fmt(v, measure.unit().equals("公顷") ? 2 : 0);
                    }
                    pdf.row(cells, widths);
                }
            }

            pdf.section("各情景新增或改变的要素");
            pdf.picture(mapPng, (float) ChangesMap.WIDTH / ChangesMap.HEIGHT);
            pdf.text("面积为CGCS2000椭球面上的实地面积；1 公顷 = 10,000 m²，1 亩 ≈ 666.67 m²。", 9, false);
            return pdf.toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
