package cn.dongli.carbonmap.layer.store;

import javax.sql.DataSource;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import cn.dongli.carbonmap.layer.DatabaseArchive;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.LayerCatalog;

/** Chooses the store for the database behind the data source, and adds the H2GIS migration on H2. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    FeatureStore featureStore(DataSource dataSource, PlatformTransactionManager transactions, LayerCatalog catalog) {
        return new JdbcFeatureStore(dataSource, transactions, catalog);
    }

    @Bean
    DatabaseArchive databaseArchive(DataSource dataSource, PlatformTransactionManager transactions) {
        return new JdbcDatabaseArchive(dataSource, transactions);
    }

    @Bean
    FlywayConfigurationCustomizer h2gisFunctions(DataSource dataSource) {
        return configuration -> {
            if (SqlDialect.of(dataSource) == SqlDialect.H2GIS) {
                configuration.javaMigrations(new JavaMigration[] {new H2GisFunctionsMigration()});
            }
        };
    }
}
