package cn.dongli.carbonmap.geom.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * Writes polygon features into a new GeoPackage (1.2) with one features table.
 *
 * <p>The file gets {@code application_id} 'GPKG' and {@code user_version} 10200, the required
 * {@code gpkg_spatial_ref_sys} rows (-1, 0, EPSG:4326 and the output CRS, with SIS's WKT 1 definition),
 * {@code gpkg_contents} with the extent and {@code gpkg_geometry_columns}. Geometries are written as MULTIPOLYGON (a
 * Polygon becomes a MultiPolygon of one), since every layer stores MultiPolygons and a column must hold a single type;
 * blobs carry their XY envelope. An integral feature id becomes the {@code fid}. No R-tree spatial index is written:
 * its triggers need SQL functions (ST_MinX, ST_IsEmpty, …) that plain SQLite lacks, and GDAL or QGIS build one on
 * demand.
 */
public final class GeoPackageWriter {

    /** 'GPKG' in ASCII, the application_id of GeoPackage 1.2 and later. */
    private static final int APPLICATION_ID = 0x47504B47;
    private static final int USER_VERSION = 10200;
    private static final String GEOMETRY_COLUMN = "geom";
    private static final String FID_COLUMN = "fid";

    private GeoPackageWriter() {
    }

    /**
     * Writes the GeoPackage.
     *
     * @param file the file to create; it must not exist or be empty (e.g. a fresh temporary file)
     * @param table the features table's name
     * @param epsg the EPSG code of the coordinates
     * @param columns the attribute columns, in order
     * @param features Polygon or MultiPolygon features in that CRS (null geometries are written as NULL)
     * @return the number of features written
     * @throws IllegalArgumentException on a geometry that is not polygonal, a value that does not fit its column, an
     *                                  unknown EPSG code, or a table or column name the format reserves
     * @throws IOException if the file exists with content or cannot be written; a partial file is removed
     */
    public static long write(Path file, String table, int epsg, List<ColumnSpec> columns,
                             Iterable<WritableFeature> features) throws IOException {
        checkNames(table, columns);
        CoordinateReferenceSystem crs = crs(epsg);
        if (Files.exists(file) && Files.size(file) > 0) {
            throw new FileAlreadyExistsException(file.toString(), null, "the GeoPackage would overwrite a file");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.setAutoCommit(false);
            createSchema(c, table, epsg, crs, columns);
            Envelope extent = new Envelope();
            long count = insert(c, table, epsg, columns, features, extent);
            try (PreparedStatement ps = c.prepareStatement("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?,"
                    + " max_y = ? WHERE table_name = ?")) {
                if (extent.isNull()) {
                    for (int i = 1; i <= 4; i++) {
                        ps.setNull(i, Types.DOUBLE);
                    }
                } else {
                    ps.setDouble(1, extent.getMinX());
                    ps.setDouble(2, extent.getMinY());
                    ps.setDouble(3, extent.getMaxX());
                    ps.setDouble(4, extent.getMaxY());
                }
                ps.setString(5, table);
                ps.executeUpdate();
            }
            c.commit();
            return count;
        } catch (SQLException | RuntimeException e) {
            Files.deleteIfExists(file);
            if (e instanceof SQLException sql) {
                throw new IOException("cannot write the GeoPackage: " + sql.getMessage(), sql);
            }
            throw (RuntimeException) e;
        }
    }

    private static void checkNames(String table, List<ColumnSpec> columns) {
        if (table == null || table.isBlank() || table.toLowerCase(Locale.ROOT).startsWith("gpkg_")
                || table.toLowerCase(Locale.ROOT).startsWith("rtree_")
                || table.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
            throw new IllegalArgumentException("'" + table + "' cannot name a GeoPackage features table");
        }
        ColumnSpec.checkDistinct(columns);
        for (ColumnSpec c : columns) {
            if (c.name().equalsIgnoreCase(FID_COLUMN) || c.name().equalsIgnoreCase(GEOMETRY_COLUMN)) {
                throw new IllegalArgumentException("column '" + c.name() + "' clashes with the GeoPackage's own '"
                        + FID_COLUMN + "' and '" + GEOMETRY_COLUMN + "' columns");
            }
        }
    }

    private static CoordinateReferenceSystem crs(int epsg) {
        try {
            return CRS.forCode("EPSG:" + epsg);
        } catch (FactoryException e) {
            throw new IllegalArgumentException("unknown CRS EPSG:" + epsg, e);
        }
    }

    /** The WKT 1 definition GeoPackage 1.2 asks for, with EPSG's axis order (the blobs are x/y all the same). */
    private static String wkt(CoordinateReferenceSystem crs) {
        WKTFormat format = new WKTFormat();
        format.setConvention(Convention.WKT1_COMMON_UNITS);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return format.format(crs);
    }

    private static void createSchema(Connection c, String table, int epsg, CoordinateReferenceSystem crs,
                                     List<ColumnSpec> columns) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            s.execute("PRAGMA user_version = " + USER_VERSION);
            s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,"
                    + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
                    + " definition TEXT NOT NULL, description TEXT)");
            s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
                    + " identifier TEXT UNIQUE, description TEXT DEFAULT '',"
                    + " last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
                    + " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
                    + " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
            s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
                    + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
                    + " m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
                    + " CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
                    + " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
                    + " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(quote(table)).append(" (")
                    .append(quote(FID_COLUMN)).append(" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ")
                    .append(quote(GEOMETRY_COLUMN)).append(" MULTIPOLYGON");
            for (ColumnSpec col : columns) {
                create.append(", ").append(quote(col.name())).append(' ').append(switch (col.type()) {
                    case STRING -> "TEXT";
                    case INTEGER -> "INTEGER";
                    case DECIMAL -> "REAL";
                    case BOOLEAN -> "BOOLEAN";
                    case DATE -> "DATE";
                });
            }
            s.execute(create.append(')').toString());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id,"
                + " organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)")) {
            srs(ps, "Undefined Cartesian SRS", -1, "NONE", -1, "undefined", "undefined Cartesian coordinate reference system");
            srs(ps, "Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system");
            CoordinateReferenceSystem wgs84 = crs(4326);
            srs(ps, wgs84.getName().getCode(), 4326, "EPSG", 4326, wkt(wgs84), "longitude/latitude coordinates in"
                    + " decimal degrees on the WGS 84 spheroid");
            if (epsg != 4326) {
                srs(ps, crs.getName().getCode(), epsg, "EPSG", epsg, wkt(crs), null);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, identifier,"
                + " description, last_change, srs_id) VALUES (?, 'features', ?, '', ?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, table);
            ps.setString(3, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            ps.setInt(4, epsg);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpkg_geometry_columns (table_name, column_name,"
                + " geometry_type_name, srs_id, z, m) VALUES (?, ?, 'MULTIPOLYGON', ?, 0, 0)")) {
            ps.setString(1, table);
            ps.setString(2, GEOMETRY_COLUMN);
            ps.setInt(3, epsg);
            ps.executeUpdate();
        }
    }

    private static void srs(PreparedStatement ps, String name, int id, String organization, int code, String definition,
                            String description) throws SQLException {
        ps.setString(1, name);
        ps.setInt(2, id);
        ps.setString(3, organization);
        ps.setInt(4, code);
        ps.setString(5, definition);
        ps.setString(6, description);
        ps.executeUpdate();
    }

    private static long insert(Connection c, String table, int epsg, List<ColumnSpec> columns,
                               Iterable<WritableFeature> features, Envelope extent) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (")
                .append(quote(FID_COLUMN)).append(", ").append(quote(GEOMETRY_COLUMN));
        for (ColumnSpec col : columns) {
            sql.append(", ").append(quote(col.name()));
        }
        sql.append(") VALUES (?, ?").append(", ?".repeat(columns.size())).append(')');
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (WritableFeature f : features) {
                if (f.id() instanceof Number n && (n instanceof Long || n instanceof Integer || n instanceof Short)) {
                    ps.setLong(1, n.longValue());
                } else {
                    ps.setNull(1, Types.INTEGER);
                }
                Geometry g = multiPolygon(f);
                if (g == null) {
                    ps.setNull(2, Types.BLOB);
                } else {
                    ps.setBytes(2, GeoPackageGeometry.encode(g, epsg));
                    extent.expandToInclude(g.getEnvelopeInternal());
                }
                for (int i = 0; i < columns.size(); i++) {
                    bind(ps, i + 3, columns.get(i).valueOf(f));
                }
                ps.addBatch();
                if (++count % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return count;
    }

    private static Geometry multiPolygon(WritableFeature f) {
        Geometry g = f.geometry();
        if (g == null || g.isEmpty()) {
            return null;
        }
        if (g instanceof MultiPolygon) {
            return g;
        }
        if (g instanceof Polygon p) {
            GeometryFactory factory = p.getFactory();
            return factory.createMultiPolygon(new Polygon[] {p});
        }
        throw new IllegalArgumentException("feature " + f.id() + ": a polygon layer cannot hold a "
                + g.getGeometryType());
    }

    private static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v == null) {
            ps.setObject(index, null);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof Long n) {
            ps.setLong(index, n);
        } else if (v instanceof BigDecimal d) {
            ps.setDouble(index, d.doubleValue());
        } else if (v instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (v instanceof LocalDate d) {
            ps.setString(index, d.toString());
        } else {
            throw new IllegalStateException("unexpected value " + v.getClass());
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
