package cn.dongli.carbonmap.system;

import java.io.IOException;
import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool which failures of the embedded database leave a connection dead. When H2 cannot write
 * its file (the disk full, the directory made read-only) it closes the database; its connections then fail with
 * "database closed" forever, and the pool would keep handing them out. Evicting them lets the next connection open
 * the file again at its last committed state, so CarbonMap recovers by itself once the disk has room again.
 */
public final class H2ConnectionFailures implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
    private static final int CLOSED = 90098;
    private static final int SHUTTING_DOWN = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (e.getErrorCode() == CLOSED || e.getErrorCode() == SHUTTING_DOWN) {
            return Override.MUST_EVICT;
        }
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException || t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
