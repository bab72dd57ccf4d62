package cn.dongli.carbonmap.geom.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;

import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

import cn.dongli.carbonmap.geom.Crs;

/**
 * Reads one features table of a GeoPackage through SQLite's JDBC driver, opening the file read-only and immutable (it
 * is an upload: nothing else writes it, and nothing in it is executed). The features table must be a plain table
 * (views and virtual tables are refused; triggers never fire, as nothing is written); SQLite runs under tight limits
 * and a progress handler that stops it when the {@link ReadBudget} is spent or the thread is interrupted.
 *
 * <p>The CRS is taken from the table's {@code gpkg_geometry_columns.srs_id}: an {@code EPSG} organisation gives the
 * code directly, another one is identified from its WKT definition ({@link PrjReader}), and the undefined systems 0
 * and -1 give no CRS. Geometry blobs are decoded by {@link GeoPackageGeometry} in 2-D with SRID 0; features whose
 * geometry is missing, empty, damaged or not polygonal are returned with the problem. Properties come from the other
 * columns by declared type: INTEGER-like → Long, REAL/FLOAT/DOUBLE → Double, TEXT → String, BOOLEAN → Boolean,
 * DATE → LocalDate, DATETIME → ISO text; BLOB columns are left out, and so is the integer primary key (the fid).
 */
public final class GeoPackageReader {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);

    private GeoPackageReader() {
    }

    /**
     * Reads a features table within {@link ReadBudget.Limits#DEFAULT}.
     *
     * @param table the table, or {@code null} for the only features table of the GeoPackage
     * @throws UnreadableInputException if the file is not a GeoPackage, the table is missing or ambiguous, or its CRS
     *                                  cannot be identified
     */
    public static SourceDataset read(Path file, String table) throws UnreadableInputException {
        return read(file, table, ReadBudget.start(ReadBudget.Limits.DEFAULT));
    }

    /**
     * Reads a features table within a budget. The features table must be a table: a view, or a virtual table, is
     * refused before anything of it runs. Everything else SQLite does for the read (the gpkg_* tables may themselves
     * be views) runs under SQLite's limits and a progress handler that interrupts it once the budget's time is up or
     * the thread is interrupted; rows are read one at a time and charged to the budget.
     *
     * @param table the table, or {@code null} for the only features table of the GeoPackage
     * @throws InputLimitException if the file goes beyond a limit of the budget, or its features table is no table
     * @throws UnreadableInputException as {@link #read(Path, String)}
     */
    public static SourceDataset read(Path file, String table, ReadBudget budget) throws UnreadableInputException {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableInputException("the GeoPackage " + file.getFileName() + " does not exist");
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?mode=ro&immutable=1";
        int[] rows = {-1};
        try (Connection c = DriverManager.getConnection(url)) {
            limit(c, budget);
            try (Statement s = c.createStatement()) {
                // the schema of an upload is not trusted: no functions from views or triggers run
                s.execute("PRAGMA trusted_schema = OFF");
            }
            checkGeoPackage(c);
            String name = featuresTable(c, table);
            checkIsTable(c, name);
            GeometryColumn geometry = geometryColumn(c, name);
            Crs.Code crs = crs(c, geometry.srsId());
            return new SourceDataset(features(c, name, geometry.name(), budget, rows), crs, "GeoPackage");
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (budget.exhausted() || message.contains("SQLITE_INTERRUPT")) {
                throw budget.stopped(rows[0]);
            }
            if (message.contains("SQLITE_TOOBIG")) {
                throw new InputLimitException(InputLimitException.Limit.MAX_VERTICES_PER_GEOMETRY,
                        budget.limits().maxVerticesPerGeometry(), rows[0] + 1, "a value of feature " + (rows[0] + 1)
                        + " is larger than " + maxLength(budget) + " bytes, more than a geometry of "
                        + budget.limits().maxVerticesPerGeometry() + " vertices can take"
                        + " (limit max-vertices-per-geometry)");
            }
            // the driver's text ([SQLITE_NOTADB] …) describes SQLite, not the file: the cause goes to the log only
            throw new UnreadableInputException("the file is not a readable GeoPackage: it is damaged, or not an SQLite"
                    + " database with GeoPackage tables", e);
        }
    }

    /** The largest value SQLite may produce: a geometry of the most vertices a geometry may have (XYZM), and some. */
    private static int maxLength(ReadBudget budget) {
        return (int) Math.min(Integer.MAX_VALUE - 1, budget.limits().maxVerticesPerGeometry() * 32 + 1024 * 1024);
    }

    /**
     * SQLite's own limits, so that no statement of the upload's schema can build huge values or queries, and the
     * progress handler that stops SQLite when the budget is spent.
     */
    private static void limit(Connection c, ReadBudget budget) throws SQLException {
        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, maxLength(budget));
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH, 100_000);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_COLUMN, 1_000);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_EXPR_DEPTH, 100);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_COMPOUND_SELECT, 50);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_FUNCTION_ARG, 16);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_TRIGGER_DEPTH, 1);
        ProgressHandler.setHandler(c, 1_000, new ProgressHandler() {
            @Override
            protected int progress() {
                return budget.exhausted() ? 1 : 0;
            }
        });
    }

    /** Refuses a features table that is a view or a virtual table: reading it would run the upload's own SQL. */
    private static void checkIsTable(Connection c, String table) throws SQLException, UnreadableInputException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, sql FROM sqlite_master WHERE lower(name) = lower(?) AND type IN ('table', 'view')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnreadableInputException("the GeoPackage lists the features table '" + table
                            + "' but has no such table");
                }
                String type = rs.getString(1);
                String sql = rs.getString(2) == null ? "" : rs.getString(2).strip().toUpperCase(Locale.ROOT);
                String kind = type.equals("view") ? "a view"
                        : sql.replaceAll("\\s+", " ").startsWith("CREATE VIRTUAL TABLE") ? "a virtual table" : null;
                if (kind != null) {
                    throw new InputLimitException(InputLimitException.Limit.TABLES_ONLY, 0, -1, "the GeoPackage's"
                            + " features table '" + table + "' is " + kind + "; only plain tables are read, as the"
                            + " SQL of an upload is not run (limit tables-only)");
                }
            }
        }
    }

    private static void checkGeoPackage(Connection c) throws SQLException, UnreadableInputException {
        int found = 0;
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view')"
                        + " AND name IN ('gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys')")) {
            if (rs.next()) {
                found = rs.getInt(1);
            }
        }
        if (found < 3) {
            throw new UnreadableInputException("the file is an SQLite database but not a GeoPackage (it lacks the"
                    + " gpkg_contents, gpkg_geometry_columns or gpkg_spatial_ref_sys table)");
        }
    }

    private static String featuresTable(Connection c, String wanted) throws SQLException, UnreadableInputException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name FROM gpkg_contents WHERE lower(data_type) = 'features' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (wanted != null) {
            for (String t : tables) {
                if (t.equalsIgnoreCase(wanted)) {
                    return t;
                }
            }
            throw new UnreadableInputException("the GeoPackage has no features table '" + wanted + "'"
                    + (tables.isEmpty() ? "" : "; it has " + String.join(", ", tables)));
        }
        if (tables.isEmpty()) {
            throw new UnreadableInputException("the GeoPackage has no features table");
        }
        if (tables.size() > 1) {
            throw new UnreadableInputException("the GeoPackage has " + tables.size() + " features tables ("
                    + String.join(", ", tables) + "); say which one to import");
        }
        return tables.get(0);
    }

    private record GeometryColumn(String name, int srsId) {
    }

    private static GeometryColumn geometryColumn(Connection c, String table) throws SQLException,
            UnreadableInputException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnreadableInputException("the GeoPackage table '" + table + "' has no geometry column");
                }
                return new GeometryColumn(rs.getString(1), rs.getInt(2));
            }
        }
    }

    private static Crs.Code crs(Connection c, int srsId) throws SQLException, UnreadableInputException {
        if (srsId == 0 || srsId == -1) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT organization, organization_coordsys_id, definition"
                + " FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            ps.setInt(1, srsId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnreadableInputException("the GeoPackage's srs_id " + srsId
                            + " is not in gpkg_spatial_ref_sys");
                }
                String organization = rs.getString(1);
                int code = rs.getInt(2);
                String definition = rs.getString(3);
                if ("EPSG".equalsIgnoreCase(organization == null ? "" : organization.strip()) && code > 0) {
                    return new Crs.Code(code, false);
                }
                if (definition == null || definition.isBlank() || definition.strip().equalsIgnoreCase("undefined")) {
                    return null;
                }
                try {
                    return PrjReader.identify(definition);
                } catch (UnreadableInputException e) {
                    throw new UnreadableInputException("the GeoPackage's CRS (" + organization + ":" + code
                            + ") cannot be identified: " + e.getMessage().replace("the .prj", "its definition")
                            .replace("leave the .prj out and give", "give"), e);
                }
            }
        }
    }

    private static List<SourceFeature> features(Connection c, String table, String geometryColumn,
                                                ReadBudget budget, int[] rows)
            throws SQLException, UnreadableInputException {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                String name = rs.getString("name");
                String type = rs.getString("type") == null ? "" : rs.getString("type").toUpperCase(Locale.ROOT);
                boolean primaryKey = rs.getInt("pk") > 0 && type.startsWith("INT");
                if (!name.equalsIgnoreCase(geometryColumn) && !primaryKey && !type.startsWith("BLOB")) {
                    columns.add(name);
                    types.add(type);
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(geometryColumn));
        for (String col : columns) {
            sql.append(", ").append(quote(col));
        }
        sql.append(" FROM ").append(quote(table)).append(" ORDER BY rowid");
        List<SourceFeature> features = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql.toString())) {
            while (rs.next()) {
                int index = features.size();
                rows[0] = index;
                budget.feature(index);
                budget.values(index, columns.size());
                Map<String, Object> properties = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    Object value = value(rs.getObject(i + 2), types.get(i));
                    properties.put(columns.get(i), value);
                }
                features.add(feature(index, rs.getBytes(1), properties, budget));
            }
        }
        return features;
    }

    private static SourceFeature feature(int index, byte[] blob, Map<String, Object> properties, ReadBudget budget)
            throws InputLimitException {
        if (blob == null) {
            return SourceFeature.unreadable(index, properties, "the feature has no geometry");
        }
        try {
            Geometry g = GeoPackageGeometry.decode(blob, FACTORY);
            if (g == null) {
                return SourceFeature.unreadable(index, properties, "the feature's geometry is empty");
            }
            budget.vertices(index, g.getNumPoints(), g.getNumPoints());
            if (!(g instanceof Polygonal)) {
                return SourceFeature.unreadable(index, properties, "wrong geometry type " + g.getGeometryType()
                        + ": this layer holds polygons");
            }
            return SourceFeature.of(index, g, properties);
        } catch (GeoPackageGeometry.BadBlob e) {
            return SourceFeature.unreadable(index, properties, e.getMessage());
        }
    }

    /** A value by the column's declared type; SQLite stores what it is given, so the value's own class decides too. */
    private static Object value(Object v, String declared) {
        if (v == null) {
            return null;
        }
        if (declared.startsWith("BOOL")) {
            if (v instanceof Number n) {
                return n.longValue() != 0;
            }
            return switch (v.toString().strip().toLowerCase(Locale.ROOT)) {
                case "1", "true", "t", "yes" -> Boolean.TRUE;
                case "0", "false", "f", "no" -> Boolean.FALSE;
                default -> v.toString();
            };
        }
        if (declared.equals("DATE") && v instanceof String s) {
            try {
                return LocalDate.parse(s.strip().length() > 10 ? s.strip().substring(0, 10) : s.strip());
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof byte[]) {
            return null;
        }
        return v.toString();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
