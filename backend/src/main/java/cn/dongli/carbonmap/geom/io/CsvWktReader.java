package cn.dongli.carbonmap.geom.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Reads CSV (RFC 4180) with a WKT geometry column, as {@link CsvWktWriter}, GDAL ({@code -lco GEOMETRY=AS_WKT}) and
 * spreadsheets write it: UTF-8 with or without a byte-order mark, comma separated, quoted fields with doubled quotes,
 * CRLF or LF line ends.
 *
 * <p>The geometry column is the one named {@code WKT} (or {@code geometry}, {@code geom}, {@code the_geom}; any case).
 * Every other column becomes a text property; an empty field is null. The apostrophe {@link CsvWktWriter} puts before
 * text starting with {@code = + - @} (against formula injection) is removed again. A CSV says nothing of its CRS: the
 * caller decides.
 */
public final class CsvWktReader {

    private static final List<String> GEOMETRY_NAMES = List.of("wkt", "geometry", "geom", "the_geom");

    private CsvWktReader() {
    }

    /**
     * Reads every row within {@link ReadBudget.Limits#DEFAULT}.
     *
     * @throws UnreadableInputException if the text is not UTF-8, a quote is not closed, there is no WKT column, or a
     *                                  row has more fields than the header
     */
    public static SourceDataset read(InputStream in) throws UnreadableInputException, IOException {
        return read(in, ReadBudget.start(ReadBudget.Limits.DEFAULT));
    }

    /**
     * Reads every row within a budget, one row at a time: a field may not be longer than the WKT of a geometry of the
     * most vertices allowed, and rows, values and vertices are charged as they are read.
     *
     * @throws InputLimitException if the CSV goes beyond a limit of the budget
     * @throws UnreadableInputException as {@link #read(InputStream)}
     */
    public static SourceDataset read(InputStream in, ReadBudget budget) throws UnreadableInputException, IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024)) {
            return read(new Rows(r, budget));
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException("the CSV is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)", e);
        }
    }

    private static SourceDataset read(Rows rows) throws IOException, UnreadableInputException {
        List<String> header = rows.next();
        if (header == null) {
            throw new UnreadableInputException("the CSV is empty");
        }
        int wkt = -1;
        for (int i = 0; i < header.size(); i++) {
            if (GEOMETRY_NAMES.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
                wkt = i;
                break;
            }
        }
        if (wkt < 0) {
            throw new UnreadableInputException("the CSV has no WKT column (its header is " + header + ")");
        }
        WKTReader reader = new WKTReader();
        List<SourceFeature> features = new ArrayList<>();
        ReadBudget budget = rows.budget;
        List<String> row;
        for (int r = 1; (row = rows.next()) != null; r++) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue; // a blank line
            }
            int index = features.size();
            budget.feature(index);
            if (row.size() > header.size()) {
                throw new UnreadableInputException("row " + (r + 1) + " has " + row.size() + " fields; the header has "
                        + header.size());
            }
            budget.values(index, header.size() - 1);
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != wkt) {
                    properties.put(header.get(i), i < row.size() ? value(row.get(i)) : null);
                }
            }
            String text = wkt < row.size() ? row.get(wkt).trim() : "";
            if (text.isEmpty()) {
                features.add(SourceFeature.unreadable(index, properties, "the feature has no geometry"));
                continue;
            }
            int depth = nesting(text);
            if (depth > MAX_NESTING) {
                features.add(SourceFeature.unreadable(index, properties, "the WKT nests " + depth
                        + " levels of parentheses; a feature has at most " + MAX_NESTING));
                continue;
            }
            try {
                Geometry g = reader.read(text);
                budget.vertices(index, g.getNumPoints(), g.getNumPoints());
                features.add(SourceFeature.of(index, g, properties));
            } catch (ParseException e) {
                features.add(SourceFeature.unreadable(index, properties, "unreadable WKT: " + e.getMessage()));
            }
        }
        return new SourceDataset(features, null, "CSV");
    }

    /**
     * How deep parentheses may nest in one WKT: a MultiPolygon needs 3, a collection of them 4. JTS's reader recurses
     * once per level, and a GEOMETRYCOLLECTION nested 50,000 deep overflowed the stack of the request's thread.
     */
    static final int MAX_NESTING = 32;

    /** The deepest nesting of parentheses in the text. */
    static int nesting(String wkt) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }

    private static Object value(String field) {
        if (field.isEmpty()) {
            return null;
        }
        if (field.length() > 1 && field.charAt(0) == '\'' && "=+-@\t\r".indexOf(field.charAt(1)) >= 0) {
            return field.substring(1);
        }
        return field;
    }

    /** Splits the text into rows of fields (RFC 4180), one row at a time. */
    private static final class Rows {
        private final BufferedReader r;
        private final ReadBudget budget;
        private final long maxField;
        private boolean first = true;
        private boolean done;
        private long chars;

        Rows(BufferedReader r, ReadBudget budget) {
            this.r = r;
            this.budget = budget;
            // the WKT of a geometry of the most vertices allowed: two coordinates of up to 30 characters each
            this.maxField = budget.limits().maxVerticesPerGeometry() * 64 + 64 * 1024;
        }

        /** The next row, or null at the end. */
        List<String> next() throws IOException, UnreadableInputException {
            if (done) {
                return null;
            }
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = r.read()) >= 0) {
                if ((++chars & 0xFFFF) == 0) {
                    budget.check(-1);
                }
                if (field.length() > maxField) {
                    throw new InputLimitException(InputLimitException.Limit.MAX_VERTICES_PER_GEOMETRY,
                            budget.limits().maxVerticesPerGeometry(), -1, "a field of the CSV is longer than "
                            + maxField + " characters, more than the WKT of a geometry of "
                            + budget.limits().maxVerticesPerGeometry() + " vertices (limit max-vertices-per-geometry)");
                }
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        continue;
                    }
                }
                if (quoted) {
                    if (c == '"') {
                        r.mark(1);
                        int next = r.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next >= 0) {
                                r.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        r.mark(1);
                        if (r.read() != '\n') {
                            r.reset();
                        }
                    }
                    row.add(field.toString());
                    return row;
                } else {
                    field.append((char) c);
                }
            }
            done = true;
            if (quoted) {
                throw new UnreadableInputException("the CSV ends inside a quoted field");
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                return row;
            }
            return null;
        }
    }
}
