package cn.dongli.carbonmap.layer.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.h2gis.functions.factory.H2GISFunctions;

/**
 * Migration 1 of the embedded database: registers the H2GIS spatial functions (ST_GeomFromWKB, ST_Intersects, …)
 * that the store's shared SQL calls. They are stored in the database, so this runs once.
 */
final class H2GisFunctionsMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
        return "h2gis functions";
    }

    @Override
    public Integer getChecksum() {
        return 1;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        H2GISFunctions.load(context.getConnection());
    }
}
