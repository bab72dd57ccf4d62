package cn.dongli.carbonmap.geom.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.locationtech.jts.io.WKTWriter;

/**
 * Writes features as CSV (RFC 4180): a {@code WKT} column with the geometry first, then one column per attribute.
 *
 * <p>The text is UTF-8 with a byte-order mark, which is how Excel in Chinese knows it is not GBK; lines end with CRLF;
 * fields holding a comma, quote or line break are quoted, with quotes doubled. Numbers are written in plain notation,
 * dates as {@code yyyy-mm-dd}, booleans as {@code true}/{@code false}, nulls as empty fields. Text — values and column
 * names alike — that starts with
 * {@code = + - @}, a tab or a carriage return gets a leading apostrophe so that a spreadsheet shows it rather than runs
 * it as a formula (CSV injection); GDAL and QGIS read the apostrophe as part of the text. Excel shows at most 32,767
 * characters per cell, so very detailed polygons are cut there when opened in Excel; GDAL and QGIS read them whole.
 */
public final class CsvWktWriter {

    private static final String CRLF = "\r\n";

    private CsvWktWriter() {
    }

    /**
     * Writes the CSV.
     *
     * @param out where to write; flushed, not closed
     * @param columns the attribute columns, in order; their names are the header
     * @param features the features, with geometries in the CRS the caller chose
     * @return the number of features written
     * @throws IllegalArgumentException if a value does not fit its column
     */
    public static long write(OutputStream out, List<ColumnSpec> columns, Iterable<WritableFeature> features)
            throws IOException {
        ColumnSpec.checkDistinct(columns);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        w.write('\uFEFF');
        w.write("WKT");
        for (ColumnSpec c : columns) {
            w.write(',');
            // names come from the data too (a property of an imported file): defused like the values
            w.write(field(defused(c.name())));
        }
        w.write(CRLF);
        WKTWriter wkt = new WKTWriter(2);
        long count = 0;
        for (WritableFeature f : features) {
            w.write(f.geometry() == null ? "" : field(wkt.write(f.geometry())));
            for (ColumnSpec c : columns) {
                w.write(',');
                w.write(text(c.valueOf(f)));
            }
            w.write(CRLF);
            count++;
        }
        w.flush();
        return count;
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof String s) {
            return field(defused(s));
        }
        return v.toString();
    }

    private static String defused(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    /** The value as an RFC 4180 field, quoted when it must be. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
