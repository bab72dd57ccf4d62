package cn.dongli.carbonmap.layer.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * An H2 trigger that refuses to change or delete rows: the frozen features of closed survey seasons (on PostGIS a
 * PL/pgSQL trigger does the same). Named in the embedded database's migration.
 */
public final class FrozenRowsTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the features of a survey season are frozen");
    }
}
