package cn.dongli.carbonmap.layer.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.layer.DatabaseArchive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backups as a zip of JSON Lines, one file per table (geometries as WKB in hexadecimal, times in ISO 8601), with a
 * manifest; the same archive for H2GIS and PostGIS.
 */
final class JdbcDatabaseArchive implements DatabaseArchive {

    static final String FORMAT = "carbonmap-backup/1";

    /** What is kept, in an order that respects the references between tables. */
    static final List<String> TABLES = List.of("zones", "streets", "land_cover", "forest_plots", "parks", "farmland",
            "pv_rooftops", "feature_history", "feature_import", "account", "plan_indicator_value", "survey_season",
            "season_feature", "season_survey", "carbon_parameter", "audit_event", "scenario", "scenario_project",
            "scenario_draft", "scenario_draft_history", "pv_parameter");
    /** Tables whose rows the migrations seed: a restore replaces them. */
    static final List<String> SEEDED = List.of("carbon_parameter", "pv_parameter");
    static final List<String> IDENTITY = List.of("zones", "streets", "land_cover", "forest_plots", "parks",
            "farmland", "pv_rooftops", "feature_history", "plan_indicator_value", "survey_season", "audit_event",
            "scenario", "scenario_draft", "scenario_draft_history");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;

    JdbcDatabaseArchive(DataSource dataSource, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.dialect = SqlDialect.of(dataSource);
    }

    /** A column and how it is stored. */
    private record Column(String name, int type, String typeName) {
        boolean geometry() {
            return typeName.toLowerCase(Locale.ROOT).contains("geometry");
        }

        boolean json() {
            return typeName.toLowerCase(Locale.ROOT).startsWith("json");
        }
    }

    private List<Column> columns(String table) {
        return jdbc.execute((Connection c) -> {
            DatabaseMetaData md = c.getMetaData();
            List<Column> out = new ArrayList<>();
            String name = dialect == SqlDialect.H2GIS ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet rs = md.getColumns(null, null, name, null)) {
                while (rs.next()) {
                    out.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME")));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("the database has no table " + table + ": are the migrations run?");
            }
            return out;
        });
    }

    @Override
    public Map<String, Long> export(OutputStream out) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // one read-only transaction: a consistent state of every table
        TransactionTemplate read = new TransactionTemplate(tx.getTransactionManager());
        read.setReadOnly(true);
        read.executeWithoutResult(s -> {
            for (String table : TABLES) {
                List<Column> columns = columns(table);
                StringBuilder select = new StringBuilder("SELECT ");
                for (int i = 0; i < columns.size(); i++) {
                    Column col = columns.get(i);
                    select.append(i == 0 ? "" : ", ").append(col.geometry() ? "ST_AsBinary(" + col.name() + ")"
                            : col.name());
                }
                select.append(" FROM ").append(table).append(columns.stream().anyMatch(c -> c.name().equals("id"))
                        ? " ORDER BY id" : "");
                try {
                    zip.putNextEntry(new ZipEntry(table + ".jsonl"));
                    Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                    long[] n = {0};
                    jdbc.query(select.toString(), rs -> {
                        ObjectNode row = JSON.createObjectNode();
                        for (int i = 0; i < columns.size(); i++) {
                            put(row, columns.get(i), rs, i + 1);
                        }
                        try {
                            w.write(JSON.writeValueAsString(row));
                            w.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        n[0]++;
                    });
                    w.flush();
                    zip.closeEntry();
                    counts.put(table, n[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("createdAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        manifest.put("source", dialect.name());
        manifest.put("schemaVersion", jdbc.queryForObject(
                "SELECT MAX(\"version\") FROM \"flyway_schema_history\" WHERE \"success\" = TRUE", String.class));
        manifest.put("rows", counts);
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        return counts;
    }

    private static void put(ObjectNode row, Column c, ResultSet rs, int i) throws SQLException {
        if (c.geometry()) {
            byte[] wkb = rs.getBytes(i);
            row.put(c.name(), wkb == null ? null : HexFormat.of().formatHex(wkb));
            return;
        }
        switch (c.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                row.put(c.name(), t == null ? null : t.toString());
            }
            case Types.DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                row.put(c.name(), d == null ? null : d.toString());
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean b = rs.getBoolean(i);
                if (rs.wasNull()) {
                    row.putNull(c.name());
                } else {
                    row.put(c.name(), b);
                }
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    row.putNull(c.name());
                } else {
                    row.put(c.name(), v);
                }
            }
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    row.putNull(c.name());
                } else {
                    row.put(c.name(), v);
                }
            }
            default -> row.put(c.name(), rs.getString(i));
        }
    }

    @Override
    public Map<String, Long> restore(InputStream in) throws IOException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        String manifest = null;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals("manifest.json")) {
                    manifest = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                } else if (name.endsWith(".jsonl") && TABLES.contains(name.substring(0, name.length() - 6))) {
                    List<String> lines = new ArrayList<>();
                    BufferedReader r = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) {
                            lines.add(line);
                        }
                    }
                    files.put(name.substring(0, name.length() - 6), lines);
                } else {
                    throw new IllegalStateException("unexpected entry in the archive: " + name);
                }
            }
        }
        if (manifest == null || !FORMAT.equals(JSON.readTree(manifest).path("format").asString(""))) {
            throw new IllegalStateException("this is not a CarbonMap backup (" + FORMAT + ")");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> {
            for (String table : TABLES) {
                Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
                if (existing != null && existing > 0 && !SEEDED.contains(table)) {
                    throw new IllegalStateException("table " + table + " already holds " + existing
                            + " rows: a backup is restored into an empty database only");
                }
            }
            for (String table : SEEDED) {
                if (files.containsKey(table)) {
                    jdbc.update("DELETE FROM " + table);
                }
            }
            Connection c = DataSourceUtils.getConnection(dataSource);
            for (String table : TABLES) {
                List<String> lines = files.getOrDefault(table, List.of());
                counts.put(table, (long) lines.size());
                if (lines.isEmpty()) {
                    continue;
                }
                List<Column> columns = columns(table);
                StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
                StringBuilder values = new StringBuilder();
                for (int i = 0; i < columns.size(); i++) {
                    Column col = columns.get(i);
                    sql.append(i == 0 ? "" : ", ").append(col.name());
                    values.append(i == 0 ? "" : ", ").append(col.geometry() ? "ST_GeomFromWKB(?, 4490)"
                            : col.json() ? dialect.jsonParameter() : "?");
                }
                sql.append(") VALUES (").append(values).append(")");
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int n = 0;
                    for (String line : lines) {
                        JsonNode row = JSON.readTree(line);
                        for (int i = 0; i < columns.size(); i++) {
                            bind(ps, i + 1, columns.get(i), row.get(columns.get(i).name()));
                        }
                        ps.addBatch();
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot restore table " + table + ": " + e.getMessage(), e);
                }
            }
            for (String table : IDENTITY) {
                Long max = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM " + table, Long.class);
                long next = (max == null ? 0 : max) + 1;
                if (dialect == SqlDialect.POSTGIS) {
                    jdbc.query("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, false)", rs -> null, table, next);
                } else {
                    jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
                }
            }
            // the indicator engine and every other reader start from a whole-layer change
            for (String layer : TABLES.subList(0, 7)) {
                jdbc.update("INSERT INTO layer_change (layer_name, feature_id, op, changed_at) VALUES (?, NULL, 'L', ?)",
                        layer, OffsetDateTime.now(ZoneOffset.UTC));
            }
        });
        return counts;
    }

    private static void bind(PreparedStatement ps, int i, Column c, JsonNode v) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(i, c.geometry() ? Types.BINARY : c.json() ? Types.VARCHAR : c.type());
            return;
        }
        if (c.geometry()) {
            ps.setBytes(i, HexFormat.of().parseHex(v.asString()));
            return;
        }
        switch (c.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> ps.setObject(i, OffsetDateTime.parse(v.asString()));
            case Types.DATE -> ps.setObject(i, LocalDate.parse(v.asString()));
            case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, v.booleanValue());
            case Types.BIGINT -> ps.setLong(i, v.longValue());
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setInt(i, v.intValue());
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> ps.setDouble(i, v.doubleValue());
            default -> ps.setString(i, v.isString() ? v.asString() : v.toString());
        }
    }
}
