package org.refugio.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's form of the PostgreSQL trigger in {@link V50_1__AuditPendingSealerOnly}. */
public class PendingSealerOnlyH2Trigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null && AuditSealer.sealingOnThisThread()) {
            return;
        }
        throw new SQLException("refugio: " + (newRow == null ? "DELETE" : "UPDATE")
                + " on audit_pending refused: pending audit entries are removed by the sealer only", "42501");
    }
}
