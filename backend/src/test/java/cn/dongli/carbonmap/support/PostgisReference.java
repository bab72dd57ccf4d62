package cn.dongli.carbonmap.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.io.WKBWriter;

import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;

/**
 * The indicators computed the way a PostGIS user would: {@code ST_Union}, {@code ST_Intersection},
 * {@code ST_PointOnSurface}, {@code ST_Covers} and {@code geography} {@code ST_Area} (on the CGCS2000 spheroid of
 * SRID 4490). The reference the engine is checked and benchmarked against.
 */
public final class PostgisReference {

    /** One unit's figures as PostGIS computes them. */
    public record Figures(String kind, String code, double areaM2, double blueGreenM2, double forestM2,
                          double forestStockM3, int pvEligible, int pvInstalled, double pvAreaM2, double roofAreaM2,
                          double farmlandM2) {
    }

    private PostgisReference() {
    }

    /** Creates CarbonMap's PostGIS schema (its own migration) in an empty database. */
    public static void createSchema(Connection c) throws SQLException, IOException {
        try (InputStream in = PostgisReference.class.getResourceAsStream("/db/migration/postgis/V1__layers.sql");
             Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Copies features (as stored: longitude/latitude) into the reference tables. */
    public static void load(Connection c, String layer, List<Feature> features) throws SQLException {
        String sql = switch (layer) {
            case "zones" -> "INSERT INTO zones (code, name, zone_type, level, %s) VALUES (?, ?, ?, ?, %s)";
            case "streets" -> "INSERT INTO streets (code, name, %s) VALUES (?, ?, %s)";
            case "land_cover" -> "INSERT INTO land_cover (cover_class, %s) VALUES (?, %s)";
            case "forest_plots" -> "INSERT INTO forest_plots (plot_code, species, canopy_closure, stock_m3, %s)"
                    + " VALUES (?, ?, ?, ?, %s)";
            case "parks" -> "INSERT INTO parks (name, status, %s) VALUES (?, ?, %s)";
            case "farmland" -> "INSERT INTO farmland (project, status, %s) VALUES (?, ?, %s)";
            case "pv_rooftops" -> "INSERT INTO pv_rooftops (building_use, built_year, roof_area_m2, pv_installed,"
                    + " pv_area_m2, %s) VALUES (?, ?, ?, ?, ?, %s)";
            default -> throw new IllegalArgumentException(layer);
        };
        sql = String.format(sql, "created_by, created_at, updated_by, updated_at, geom",
                "'ref', now(), 'ref', now(), ST_GeomFromWKB(?, 4490)");
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (Feature f : features) {
                Map<String, Object> a = f.attributes();
                int i = 1;
                switch (layer) {
                    case "zones" -> {
                        ps.setString(i++, (String) a.get("code"));
                        ps.setString(i++, (String) a.get("name"));
                        ps.setString(i++, (String) a.get("zone_type"));
                        ps.setObject(i++, a.get("level"), java.sql.Types.SMALLINT);
                    }
                    case "streets" -> {
                        ps.setString(i++, (String) a.get("code"));
                        ps.setString(i++, (String) a.get("name"));
                    }
                    case "land_cover" -> ps.setString(i++, (String) a.get("class"));
                    case "forest_plots" -> {
                        ps.setString(i++, (String) a.get("plot_code"));
                        ps.setString(i++, (String) a.get("species"));
                        ps.setDouble(i++, ((Number) a.get("canopy_closure")).doubleValue());
                        ps.setDouble(i++, ((Number) a.get("stock_m3")).doubleValue());
                    }
                    case "parks" -> {
                        ps.setString(i++, (String) a.get("name"));
                        ps.setString(i++, (String) a.get("status"));
                    }
                    case "farmland" -> {
                        ps.setString(i++, (String) a.get("project"));
                        ps.setString(i++, (String) a.get("status"));
                    }
                    default -> {
                        ps.setString(i++, (String) a.get("building_use"));
                        ps.setInt(i++, ((Number) a.get("built_year")).intValue());
                        ps.setDouble(i++, ((Number) a.get("roof_area_m2")).doubleValue());
                        ps.setBoolean(i++, Boolean.TRUE.equals(a.get("pv_installed")));
                        ps.setObject(i++, a.get("pv_area_m2"), java.sql.Types.DOUBLE);
                    }
                }
                ps.setBytes(i, new WKBWriter(2).write(f.geometry()));
                ps.addBatch();
                if (++n % 2000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + layer);
        }
    }

    /** The SQL of the reference, one row per unit. */
    public static String sql() {
        return """
                WITH units AS (
                  SELECT 'zone' AS kind, code, geom FROM zones
                  UNION ALL SELECT 'level', 'L' || level, ST_Multi(ST_Union(geom)) FROM zones
                    WHERE zone_type = 'control_level' GROUP BY level
                  UNION ALL SELECT 'barrier', 'barrier', ST_Multi(ST_Union(geom)) FROM zones
                    WHERE zone_type = 'control_level' HAVING COUNT(*) > 0
                  UNION ALL SELECT 'street', code, geom FROM streets
                  UNION ALL SELECT 'district', 'district', ST_Multi(ST_Union(geom)) FROM streets HAVING COUNT(*) > 0
                ),
                blue_green AS (
                  SELECT geom FROM land_cover WHERE cover_class = ANY (?)
                  UNION ALL SELECT geom FROM forest_plots
                  UNION ALL SELECT geom FROM parks WHERE status = ANY (?)
                  UNION ALL SELECT geom FROM farmland
                )
                SELECT u.kind, u.code,
                  ST_Area(u.geom::geography),
                  COALESCE(ST_Area(ST_Intersection(u.geom, (SELECT ST_Union(b.geom) FROM blue_green b
                    WHERE b.geom && u.geom AND ST_Intersects(b.geom, u.geom)))::geography), 0),
                  COALESCE(ST_Area(ST_Intersection(u.geom, (SELECT ST_Union(p.geom) FROM forest_plots p
                    WHERE p.canopy_closure >= ? AND p.geom && u.geom AND ST_Intersects(p.geom, u.geom)))::geography), 0),
                  COALESCE((SELECT SUM(p.stock_m3 * ST_Area(ST_Intersection(p.geom, u.geom)::geography)
                    / ST_Area(p.geom::geography)) FROM forest_plots p
                    WHERE p.geom && u.geom AND ST_Intersects(p.geom, u.geom)), 0),
                  r.eligible, r.installed, r.pv_area, r.roof_area,
                  COALESCE(ST_Area(ST_Intersection(u.geom, (SELECT ST_Union(f.geom) FROM farmland f
                    WHERE f.status = ANY (?) AND f.geom && u.geom AND ST_Intersects(f.geom, u.geom)))::geography), 0)
                FROM units u
                CROSS JOIN LATERAL (
                  SELECT COUNT(*) AS eligible, COUNT(*) FILTER (WHERE x.pv_installed) AS installed,
                         COALESCE(SUM(x.pv_area_m2), 0) AS pv_area, COALESCE(SUM(x.roof_area_m2), 0) AS roof_area
                  FROM pv_rooftops x
                  WHERE x.built_year >= ? AND x.building_use = ANY (?) AND x.geom && u.geom
                    AND ST_Covers(u.geom, ST_PointOnSurface(x.geom))
                ) r
                """;
    }

    /** Runs the reference on the database's tables with the given definitions. */
    public static Map<String, Figures> compute(Connection c, MetricsDefinitions d) throws SQLException {
        Map<String, Figures> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql())) {
            ps.setArray(1, array(c, d.blueGreenLandCover()));
            ps.setArray(2, array(c, d.blueGreenParkStatuses()));
            ps.setDouble(3, d.forestCanopyMin());
            ps.setArray(4, array(c, d.farmlandStatuses()));
            ps.setInt(5, d.pvNewFromYear());
            ps.setArray(6, array(c, d.pvBuildingUses()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Figures f = new Figures(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getInt(7), rs.getInt(8), rs.getDouble(9),
                            rs.getDouble(10), rs.getDouble(11));
                    out.put(f.kind() + ":" + f.code(), f);
                }
            }
        }
        return out;
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }
}
