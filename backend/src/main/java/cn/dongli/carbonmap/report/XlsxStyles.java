package cn.dongli.carbonmap.report;

import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cell styles the workbooks share: bold headings, shares as percentages, figures with thousands separators.
 *
 * @param header bold
 * @param percent {@code 0.0%}
 * @param number {@code #,##0.0} (or the pattern given)
 */
public record XlsxStyles(XSSFCellStyle header, XSSFCellStyle percent, XSSFCellStyle number) {

    /** The styles of a workbook, figures with the given number pattern (e.g. {@code #,##0.0}). */
    public static XlsxStyles of(XSSFWorkbook wb, String numberPattern) {
        XSSFCellStyle header = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        header.setFont(bold);
        XSSFCellStyle percent = wb.createCellStyle();
        percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
        XSSFCellStyle number = wb.createCellStyle();
        number.setDataFormat(wb.createDataFormat().getFormat(numberPattern));
        return new XlsxStyles(header, percent, number);
    }

    /** A row of headings. */
    public void header(XSSFRow row, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            row.createCell(i).setCellValue(labels[i]);
            row.getCell(i).setCellStyle(header);
        }
    }
}
