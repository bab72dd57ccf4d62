package cn.dongli.carbonmap.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.report.PdfPages;
import cn.dongli.carbonmap.report.ReportText;

/** A unit's report as a printable A4 PDF in Chinese, the font embedded (subset). */
final class PdfReport {

    private PdfReport() {
    }

    static byte[] render(ReportData data, Path fontFile, byte[] chartPng) {
        try (PdfPages pdf = new PdfPages(fontFile)) {
            pdf.text(data.title(), 18, true);
            pdf.space(8);
            pdf.text("东丽区碳汇与空间规划一张图 · 制表日期 " + data.date(), 10, false);
            pdf.space(10);

            pdf.section("主要指标");
            for (ReportRows.Row r : ReportRows.indicators(data.unit())) {
                pdf.row(new String[] {r.label(), r.text()}, new float[] {250, 200});
            }

            if (!data.unit().targets().isEmpty()) {
                pdf.section("碳达峰实施方案目标");
                pdf.row(new String[] {"指标", "目标", "现状", "完成度", "状态"}, new float[] {190, 70, 70, 60, 60});
                for (UnitMetrics.TargetStatus t : data.unit().targets()) {
                    pdf.row(new String[] {t.title().get("zh") + "（" + t.year() + "年）", ReportText.targetText(t),
                            ReportText.valueText(t),
                            t.progress() == null ? "—" : String.format(Locale.ROOT, "%.0f%%", t.progress() * 100),
                            ReportText.status(t.status())}, new float[] {190, 70, 70, 60, 60});
                }
            }

            pdf.section("历次调查与碳汇");
            pdf.picture(chartPng, (float) ReportChart.WIDTH / ReportChart.HEIGHT);
            pdf.row(new String[] {"调查季", "日期", "森林覆盖率", "蓄积量（m3）", "碳储量（tC）", "年固碳（tC/年）"},
                    new float[] {70, 75, 70, 85, 85, 110});
            for (SurveyFigures.Point p : data.series()) {
                pdf.row(new String[] {p.season().equals("current") ? "现状" : p.season(), p.date().toString(),
                        ReportText.pct(p.figures().forestCover()), ReportText.fmt(p.figures().forestStockM3(), 0),
                        ReportText.fmt(p.figures().carbonT(), 1),
                        p.sequestrationTPerYear() == null ? "—" : ReportText.fmt(p.sequestrationTPerYear(), 1)},
                        new float[] {70, 75, 70, 85, 85, 110});
            }

            pdf.section("碳计量参数（材积源生物量法：C = V × D × BEF × (1+R) × CF，CO2 = C × 44/12）");
            pdf.row(new String[] {"树种", "D", "BEF", "R", "CF", "来源"}, new float[] {55, 45, 45, 45, 50, 255});
            for (CarbonParameter p : data.parameters()) {
                pdf.row(new String[] {p.nameZh(), num(p.woodDensity()), num(p.bef()), num(p.rootShoot()),
                        num(p.carbonFraction()), p.source()}, new float[] {55, 45, 45, 45, 50, 255});
            }
            return pdf.toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
