package cn.dongli.carbonmap.layer.store;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;

/** Builds the real feature store on a data source, for benchmarks that run without Spring. */
public final class TestStores {

    private TestStores() {
    }

    /** The backup port of a database. */
    public static cn.dongli.carbonmap.layer.DatabaseArchive archive(DataSource dataSource) {
        return new JdbcDatabaseArchive(dataSource, new DataSourceTransactionManager(dataSource));
    }

    /** Creates CarbonMap's schema in an empty database with the application's own migrations. */
    public static void migrate(DataSource dataSource) {
        boolean h2 = SqlDialect.of(dataSource) == SqlDialect.H2GIS;
        var config = org.flywaydb.core.Flyway.configure().dataSource(dataSource)
                .locations(h2 ? "classpath:db/migration/h2" : "classpath:db/migration/postgis");
        if (h2) {
            config.javaMigrations(new H2GisFunctionsMigration());
        }
        config.load().migrate();
    }

    /** The store of the database behind the data source (its dialect is detected). */
    public static FeatureStore on(DataSource dataSource) {
        return new JdbcFeatureStore(dataSource, new DataSourceTransactionManager(dataSource),
                new LayerCatalog());
    }
}
