package cn.dongli.carbonmap.layer.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What differs between H2GIS and PostGIS in the store's SQL. Everything else (ST_GeomFromWKB, ST_AsBinary,
 * ST_MakeEnvelope, the {@code &&} index operator, ST_Intersects, ST_Extent) is written once.
 */
enum SqlDialect {

    /** Embedded H2 with the H2GIS function set. */
    H2GIS("? FORMAT JSON"),
    /** PostgreSQL with PostGIS. */
    POSTGIS("CAST(? AS jsonb)");

    private final String jsonParameter;

    SqlDialect(String jsonParameter) {
        this.jsonParameter = jsonParameter;
    }

    /** The placeholder of a JSON text parameter. */
    String jsonParameter() {
        return jsonParameter;
    }

    /** One member of a JSON object built in SQL from a column. */
    String jsonMember(String name, String column) {
        return this == H2GIS ? "'" + name + "' : " + column : "'" + name + "', " + column;
    }

    /** A JSON object built in SQL from members made by {@link #jsonMember}. */
    String jsonObject(String members) {
        return this == H2GIS ? "JSON_OBJECT(" + members + " NULL ON NULL)" : "json_build_object(" + members + ")";
    }

    /** The dialect of the database behind a data source. */
    static SqlDialect of(DataSource dataSource) {
        try (var c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2GIS;
            }
            if (product.contains("postgres")) {
                return POSTGIS;
            }
            throw new IllegalStateException("unsupported database: " + md.getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
