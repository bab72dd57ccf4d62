package cn.dongli.carbonmap.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A table of figures as a download: an Excel workbook of one sheet (headings bold, numbers as numbers) or a CSV file
 * (UTF-8 with a byte-order mark, so that Excel opens the Chinese headings as they are).
 */
public final class TableFile {

    private TableFile() {
    }

    /**
     * One sheet: a heading row, then the rows; numbers are written as numbers ({@code #,##0.0}), booleans as 是/否,
     * null as an empty cell, everything else as text.
     */
    public static byte[] xlsx(String sheetName, List<String> headings, List<List<Object>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XlsxStyles styles = XlsxStyles.of(wb, "#,##0.0");
            XSSFSheet sheet = wb.createSheet(sheetName);
            styles.header(sheet.createRow(0), headings.toArray(String[]::new));
            for (int r = 0; r < rows.size(); r++) {
                XSSFRow row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof Integer || v instanceof Long) {
                        row.createCell(c).setCellValue(((Number) v).doubleValue());
                    } else if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                        row.getCell(c).setCellStyle(styles.number());
                    } else if (v instanceof Boolean b) {
                        row.createCell(c).setCellValue(b ? "是" : "否");
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            for (int c = 0; c < headings.size(); c++) {
                sheet.setColumnWidth(c, 16 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same table as CSV (RFC 4180 quoting; numbers in full precision, booleans as true/false; text starting with
     * {@code = + - @}, a tab or a carriage return after an apostrophe, so that no spreadsheet runs it as a formula).
     */
    public static byte[] csv(List<String> headings, List<List<Object>> rows) {
        StringBuilder b = new StringBuilder("\uFEFF");
        line(b, List.copyOf(headings));
        for (List<Object> row : rows) {
            line(b, row);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            String s = v == null ? "" : v.toString();
            if (v instanceof CharSequence && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                // text from the data (a street's name…) that a spreadsheet would run as a formula: shown instead
                s = "'" + s;
            }
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append("\r\n");
    }
}
