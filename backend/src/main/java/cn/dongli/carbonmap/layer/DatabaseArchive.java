package cn.dongli.carbonmap.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The port of backups: everything CarbonMap keeps (the layers with their history, accounts, survey seasons, carbon
 * parameters, values entered for the plan, the audit log) written to one archive, and restored from it into an empty
 * database of either kind — an embedded database's archive restores into PostGIS and back.
 */
public interface DatabaseArchive {

    /**
     * Writes the archive.
     *
     * @return the number of rows per table
     */
    Map<String, Long> export(OutputStream out) throws IOException;

    /**
     * Restores an archive into this database, which must hold no data yet (its schema is created by the migrations).
     * All or nothing: one transaction.
     *
     * @return the number of rows per table
     * @throws IllegalStateException if the database already holds data or the archive is not CarbonMap's
     */
    Map<String, Long> restore(InputStream in) throws IOException;
}
