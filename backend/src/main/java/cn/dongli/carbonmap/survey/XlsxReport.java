package cn.dongli.carbonmap.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.dongli.carbonmap.metrics.UnitMetrics;
import cn.dongli.carbonmap.report.ReportText;
import cn.dongli.carbonmap.report.XlsxStyles;

/** A unit's report as an xlsx workbook in Chinese: indicators and targets, the series with its chart, the parameters. */
final class XlsxReport {

    private XlsxReport() {
    }

    static byte[] render(ReportData data, byte[] chartPng) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XlsxStyles styles = XlsxStyles.of(wb, "#,##0.0");
            XSSFCellStyle header = styles.header();
            XSSFCellStyle percent = styles.percent();
            XSSFCellStyle number = styles.number();

            XSSFSheet s = wb.createSheet("指标");
            s.createRow(0).createCell(0).setCellValue(data.title());
            s.getRow(0).getCell(0).setCellStyle(header);
            s.createRow(1).createCell(0).setCellValue("制表日期 " + data.date());
            styles.header(s.createRow(3), "指标", "数值", "单位");
            int r = 4;
            for (ReportRows.Row row : ReportRows.indicators(data.unit())) {
                XSSFRow x = s.createRow(r++);
                x.createCell(0).setCellValue(row.label());
                if (row.number() != null) {
                    x.createCell(1).setCellValue(row.number());
                    x.getCell(1).setCellStyle(row.unit().isEmpty() ? percent : number);
                }
                x.createCell(2).setCellValue(row.unit().isEmpty() ? "%" : row.unit());
            }
            r++;
            styles.header(s.createRow(r++), "碳达峰实施方案目标", "目标", "现状", "完成度", "状态", "年份", "责任单位");
            for (UnitMetrics.TargetStatus t : data.unit().targets()) {
                XSSFRow x = s.createRow(r++);
                x.createCell(0).setCellValue(t.title().get("zh"));
                x.createCell(1).setCellValue(t.target());
                if (t.value() != null) {
                    x.createCell(2).setCellValue(t.value());
                }
                if (t.progress() != null) {
                    x.createCell(3).setCellValue(t.progress());
                    x.getCell(3).setCellStyle(percent);
                }
                x.createCell(4).setCellValue(ReportText.status(t.status()));
                x.createCell(5).setCellValue(t.year());
                x.createCell(6).setCellValue(t.office());
            }
            s.setColumnWidth(0, 40 * 256);
            s.setColumnWidth(6, 16 * 256);

            XSSFSheet series = wb.createSheet("历次调查");
            styles.header(series.createRow(0), "调查季", "日期", "蓝绿空间占比", "森林覆盖率", "森林蓄积量（立方米）",
                    "碳储量（吨碳）", "二氧化碳当量（吨）", "年固碳量（吨碳/年）");
            r = 1;
            for (SurveyFigures.Point p : data.series()) {
                XSSFRow x = series.createRow(r++);
                x.createCell(0).setCellValue(p.season().equals("current") ? "现状" : p.season());
                x.createCell(1).setCellValue(p.date().toString());
                share(x, 2, p.figures().blueGreenShare(), percent);
                share(x, 3, p.figures().forestCover(), percent);
                x.createCell(4).setCellValue(p.figures().forestStockM3());
                x.createCell(5).setCellValue(p.figures().carbonT());
                x.createCell(6).setCellValue(p.figures().co2T());
                if (p.sequestrationTPerYear() != null) {
                    x.createCell(7).setCellValue(p.sequestrationTPerYear());
                }
            }
            for (int c = 0; c < 8; c++) {
                series.setColumnWidth(c, 18 * 256);
            }
            int picture = wb.addPicture(chartPng, XSSFWorkbook.PICTURE_TYPE_PNG);
            XSSFDrawing drawing = series.createDrawingPatriarch();
            XSSFClientAnchor anchor = new XSSFClientAnchor(0, 0, 0, 0, 0, r + 1, 9, r + 22);
            anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_AND_RESIZE);
            drawing.createPicture(anchor, picture);

            XSSFSheet params = wb.createSheet("碳计量参数");
            styles.header(params.createRow(0), "树种", "代码", "基本木材密度 D（t/m³）", "生物量扩展因子 BEF",
                    "根茎比 R", "含碳率 CF", "每立方米碳（tC）", "来源");
            r = 1;
            for (CarbonParameter p : data.parameters()) {
                XSSFRow x = params.createRow(r++);
                x.createCell(0).setCellValue(p.nameZh());
                x.createCell(1).setCellValue(p.species());
                x.createCell(2).setCellValue(p.woodDensity());
                x.createCell(3).setCellValue(p.bef());
                x.createCell(4).setCellValue(p.rootShoot());
                x.createCell(5).setCellValue(p.carbonFraction());
                x.createCell(6).setCellValue(p.carbonPerM3());
                x.createCell(7).setCellValue(p.source());
            }
            params.setColumnWidth(7, 80 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void share(XSSFRow x, int col, Double v, XSSFCellStyle style) {
        if (v != null) {
            x.createCell(col).setCellValue(v);
            x.getCell(col).setCellStyle(style);
        }
    }
}
