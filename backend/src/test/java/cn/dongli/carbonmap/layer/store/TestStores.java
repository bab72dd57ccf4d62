package cn.dongli.carbonmap.layer.store;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import cn.dongli.carbonmap.layer.FeatureStore;

/** Builds the real feature store on a data source, for benchmarks that run without Spring. */
public final class TestStores {

    private TestStores() {
    }

    /** The store of the database behind the data source (its dialect is detected). */
    public static FeatureStore on(DataSource dataSource) {
        return new JdbcFeatureStore(dataSource, new DataSourceTransactionManager(dataSource));
    }
}
