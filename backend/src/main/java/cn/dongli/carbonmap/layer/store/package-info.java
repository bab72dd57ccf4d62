/**
 * The {@link cn.dongli.carbonmap.layer.FeatureStore} for H2GIS and for PostGIS: one JDBC implementation whose SQL is
 * shared, with the few differences (JSON parameters, the H2GIS function set) isolated in {@link
 * cn.dongli.carbonmap.layer.store.SqlDialect}. SQL uses bind parameters only; table and column names come from the
 * layer catalogue, never from requests.
 */
package cn.dongli.carbonmap.layer.store;
