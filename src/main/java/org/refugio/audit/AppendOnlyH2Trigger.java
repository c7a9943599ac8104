package org.refugio.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's form of the PostgreSQL trigger in {@link V3_1__AuditLogAppendOnly}: refuses every UPDATE and DELETE. */
public class AppendOnlyH2Trigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("refugio: " + (newRow == null ? "DELETE" : "UPDATE") + " on " + table
                + " refused: the table is append-only", "42501");
    }
}
