package cn.dongli.carbonmap.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.dongli.carbonmap.metrics.UnitMetrics;

/** The rows a report prints, shared by the PDF and the workbook, in Chinese. */
final class ReportRows {

    private ReportRows() {
    }

    /** A labelled figure: its text, and the number behind it (null where there is none). */
    record Row(String label, String text, Double number, String unit) {
    }

    static List<Row> indicators(UnitMetrics m) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("面积", fmt(m.areaM2() / 1e6, 2) + " km²", m.areaM2() / 1e6, "km²"));
        rows.add(new Row("蓝绿空间面积", fmt(m.blueGreenM2() / 1e6, 2) + " km²", m.blueGreenM2() / 1e6, "km²"));
        rows.add(new Row("蓝绿空间占比", pct(m.blueGreenShare()), m.blueGreenShare(), ""));
        rows.add(new Row("森林面积", fmt(m.forestM2() / 1e4, 1) + " 公顷", m.forestM2() / 1e4, "公顷"));
        rows.add(new Row("森林覆盖率", pct(m.forestCover()), m.forestCover(), ""));
        rows.add(new Row("森林蓄积量", fmt(m.forestStockM3(), 0) + " 立方米", m.forestStockM3(), "立方米"));
        rows.add(new Row("碳储量（乔木生物量）", fmt(m.carbonT(), 1) + " 吨碳", m.carbonT(), "吨碳"));
        rows.add(new Row("二氧化碳当量", fmt(m.co2T(), 1) + " 吨CO2", m.co2T(), "吨CO2"));
        rows.add(new Row("新建公共机构、厂房屋顶（个）", Integer.toString(m.pvEligible()), (double) m.pvEligible(), "个"));
        rows.add(new Row("其中已装光伏（个）", Integer.toString(m.pvInstalled()), (double) m.pvInstalled(), "个"));
        rows.add(new Row("屋顶光伏覆盖率（按个数）", pct(m.pvCountShare()), m.pvCountShare(), ""));
        rows.add(new Row("建成并验收的高标准农田", fmt(m.farmlandMu(), 0) + " 亩", m.farmlandMu(), "亩"));
        return rows;
    }

    static String status(String s) {
        return switch (s) {
            case "met" -> "已达标";
            case "on_track" -> "进展正常";
            default -> "滞后";
        };
    }

    static String targetText(UnitMetrics.TargetStatus t) {
        return t.target() < 1.0001 && !t.indicator().endsWith("M3") && !t.indicator().endsWith("Mu")
                ? pct(t.target()) : fmt(t.target(), 0);
    }

    static String valueText(UnitMetrics.TargetStatus t) {
        if (t.value() == null) {
            return "—";
        }
        return t.target() < 1.0001 && !t.indicator().endsWith("M3") && !t.indicator().endsWith("Mu")
                ? pct(t.value()) : fmt(t.value(), 0);
    }

    static String pct(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
