package cn.dongli.carbonmap.geom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Hostile uploads built on the spot, small on disk but endless or huge when read: GeoPackages whose features table is
 * a view over a recursive query, or whose metadata tables are; GeoJSON streams of one enormous ring or of endless
 * features, generated as they are read so that the test never holds them.
 */
public final class HostileFiles {

    /** A GeoPackage blob (no envelope, SRID 4490) of a small square near Dongli. */
    public static final byte[] SQUARE = blob(117.40, 39.10, 0.001);

    /** A recursive query that never ends. */
    public static final String ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)";

    private HostileFiles() {
    }

    /** The GeoPackage geometry blob of a square (x, y) – (x + side, y + side). */
    public static byte[] blob(double x, double y, double side) {
        ByteBuffer b = ByteBuffer.allocate(8 + 9 + 4 + 5 * 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x01).putInt(4490);
        b.put((byte) 1).putInt(3).putInt(1).putInt(5);
        double[][] ring = {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}};
        for (double[] p : ring) {
            b.putDouble(p[0]).putDouble(p[1]);
        }
        return b.array();
    }

    /**
     * Writes a GeoPackage whose features table {@code parcels} is made by {@code features} (a CREATE statement) and
     * whose {@code gpkg_contents} is a plain table, or, with {@code endlessContents}, a view that never ends.
     */
    public static Path geoPackage(Path file, String features, boolean endlessContents) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 1196444487");
            s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
                    + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,"
                    + " description TEXT)");
            s.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('CGCS2000', 4490, 'EPSG', 4490, 'undefined', NULL)");
            if (endlessContents) {
                s.execute("CREATE VIEW gpkg_contents AS " + ENDLESS + " SELECT 'parcels' AS table_name,"
                        + " 'features' AS data_type, 'parcels' AS identifier, 4490 AS srs_id FROM r WHERE n < 0");
            } else {
                s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
                        + " identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,"
                        + " min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)");
                s.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                        + " VALUES ('parcels', 'features', 'parcels', 4490)");
            }
            s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
                    + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
                    + " m TINYINT NOT NULL)");
            s.execute("INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', 'POLYGON', 4490, 0, 0)");
            s.execute(features);
        }
        return file;
    }

    /** A GeoPackage whose features table is a plain table of {@code rows} copies of {@link #SQUARE}. */
    public static Path tableOf(Path file, int rows) throws SQLException {
        geoPackage(file, "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, name TEXT)", false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcels (geom, name) VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setBytes(1, blob(117.40 + (i % 100) * 0.002, 39.10 + (i / 100) * 0.002, 0.001));
                    ps.setString(2, "parcel " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return file;
    }

    /**
     * A view of {@code rows} rows, each a copy of {@link #SQUARE}. Its column {@code rowid} lets a reader that orders
     * by rowid read it, as one that does not check for views would.
     */
    public static String viewOfRows(long rows) {
        return "CREATE VIEW parcels AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < "
                + rows + ") SELECT n AS rowid, X'" + HexFormat.of().formatHex(SQUARE) + "' AS geom, 'x' AS name FROM r";
    }

    /** A view over a recursive query that never ends. */
    public static String endlessView() {
        return "CREATE VIEW parcels AS " + ENDLESS + " SELECT n AS rowid, X'" + HexFormat.of().formatHex(SQUARE)
                + "' AS geom FROM r";
    }

    /**
     * A GeoJSON FeatureCollection of one feature whose ring has {@code vertices} positions (closed), made as it is
     * read. {@link Counting#consumed()} tells how much of it a reader took.
     */
    public static Counting hugeRing(long vertices) {
        return new Counting(new Generator() {
            long i = -1;

            @Override
            String next() {
                if (i == -1) {
                    i++;
                    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
                }
                if (i < vertices - 1) {
                    double a = 2 * Math.PI * i / vertices;
                    return (i++ == 0 ? "" : ",") + "[" + (117.40 + 0.01 * Math.cos(a)) + ","
                            + (39.10 + 0.01 * Math.sin(a)) + "]";
                }
                if (i++ == vertices - 1) {
                    // the first position again: the ring is closed
                    return ",[" + (117.40 + 0.01) + "," + 39.10 + "]]]}}]}";
                }
                return null;
            }
        });
    }

    /** A GeoJSON FeatureCollection of {@code count} small squares, made as it is read. */
    public static Counting features(long count) {
        return new Counting(new Generator() {
            long i = -1;

            @Override
            String next() {
                if (i == -1) {
                    i++;
                    return "{\"type\":\"FeatureCollection\",\"features\":[";
                }
                if (i < count) {
                    double x = 117.40 + (i % 100) * 0.002;
                    double y = 39.10 + (i / 100 % 100) * 0.002;
                    return (i++ == 0 ? "" : ",") + "{\"type\":\"Feature\",\"properties\":{\"n\":" + i + "},"
                            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],["
                            + (x + 0.001) + "," + y + "],[" + (x + 0.001) + "," + (y + 0.001) + "],[" + x + ","
                            + (y + 0.001) + "],[" + x + "," + y + "]]]}}";
                }
                if (i++ == count) {
                    return "]}";
                }
                return null;
            }
        });
    }

    /** Writes a generated stream to a file. */
    public static Path write(Counting stream, Path file) throws IOException {
        try (stream; var out = Files.newOutputStream(file)) {
            stream.transferTo(out);
        }
        return file;
    }

    /** Text made piece by piece. */
    abstract static class Generator {
        /** The next piece, or null at the end. */
        abstract String next();
    }

    /** A generated stream that counts the bytes read from it. */
    public static final class Counting extends InputStream {
        private final Generator generator;
        private byte[] chunk = new byte[0];
        private int at;
        private long read;

        Counting(Generator generator) {
            this.generator = generator;
        }

        /** Bytes read so far. */
        public long consumed() {
            return read;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (at >= chunk.length) {
                String next = generator.next();
                if (next == null) {
                    return -1;
                }
                chunk = next.getBytes(StandardCharsets.US_ASCII);
                at = 0;
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            read += n;
            return n;
        }
    }
}
