package cn.dongli.carbonmap.survey;

import java.util.ArrayList;
import java.util.List;

import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.report.ReportText;

/** The rows a report prints, shared by the PDF and the workbook, in Chinese. */
final class ReportRows {

    private ReportRows() {
    }

    /** A labelled figure: its text, and the number behind it (null where there is none). */
    record Row(String label, String text, Double number, String unit) {
    }

    static List<Row> indicators(UnitMetrics m) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("面积", ReportText.fmt(m.areaM2() / 1e6, 2) + " km²", m.areaM2() / 1e6, "km²"));
        rows.add(new Row("蓝绿空间面积", ReportText.fmt(m.blueGreenM2() / 1e6, 2) + " km²", m.blueGreenM2() / 1e6, "km²"));
        rows.add(new Row("蓝绿空间占比", ReportText.pct(m.blueGreenShare()), m.blueGreenShare(), ""));
        rows.add(new Row("森林面积", ReportText.fmt(m.forestM2() / 1e4, 1) + " 公顷", m.forestM2() / 1e4, "公顷"));
        rows.add(new Row("森林覆盖率", ReportText.pct(m.forestCover()), m.forestCover(), ""));
        rows.add(new Row("森林蓄积量", ReportText.fmt(m.forestStockM3(), 0) + " 立方米", m.forestStockM3(), "立方米"));
        rows.add(new Row("碳储量（乔木生物量）", ReportText.fmt(m.carbonT(), 1) + " 吨碳", m.carbonT(), "吨碳"));
        rows.add(new Row("二氧化碳当量", ReportText.fmt(m.co2T(), 1) + " 吨CO2", m.co2T(), "吨CO2"));
        rows.add(new Row("新建公共机构、厂房屋顶（个）", Integer.toString(m.pvEligible()), (double) m.pvEligible(), "个"));
        rows.add(new Row("其中已装光伏（个）", Integer.toString(m.pvInstalled()), (double) m.pvInstalled(), "个"));
        rows.add(new Row("屋顶光伏覆盖率（按个数）", ReportText.pct(m.pvCountShare()), m.pvCountShare(), ""));
        rows.add(new Row("建成并验收的高标准农田", ReportText.fmt(m.farmlandMu(), 0) + " 亩", m.farmlandMu(), "亩"));
        return rows;
    }
}
