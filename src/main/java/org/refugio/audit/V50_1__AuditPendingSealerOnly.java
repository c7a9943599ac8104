package org.refugio.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * The pending audit entries (V50) are never updated, and deleted by the sealer only, in the transaction that
 * chains them. On PostgreSQL the sealer marks its transaction with {@code set_config('refugio.audit_sealing',
 * 'on', true)} (transaction-local); on H2, which runs embedded in this JVM on one node, the sealing thread is
 * marked ({@link AuditSealer#sealingOnThisThread()}). TRUNCATE is refused on PostgreSQL.
 */
@Component
public class V50_1__AuditPendingSealerOnly extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName();
        try (Statement sql = connection.createStatement()) {
            if (product.equalsIgnoreCase("PostgreSQL")) {
                sql.execute("""
                        create or replace function refugio_audit_pending_sealer_only() returns trigger
                        language plpgsql as $$
                        begin
                            if tg_op = 'DELETE' and coalesce(current_setting('refugio.audit_sealing', true), '') = 'on' then
                                return old;
                            end if;
                            raise exception 'refugio: % on % refused: pending audit entries are removed by the sealer only',
                                tg_op, tg_table_name using errcode = 'insufficient_privilege';
                        end
                        $$""");
                sql.execute("create trigger audit_pending_sealer_only before update or delete on audit_pending"
                        + " for each row execute function refugio_audit_pending_sealer_only()");
                sql.execute("create trigger audit_pending_no_truncate before truncate on audit_pending"
                        + " for each statement execute function refugio_append_only()");
            } else if (product.equalsIgnoreCase("H2")) {
                sql.execute("create trigger audit_pending_sealer_only before update, delete on audit_pending"
                        + " for each row call '" + PendingSealerOnlyH2Trigger.class.getName() + "'");
            } else {
                throw new IllegalStateException("no trigger for pending audit entries is defined for " + product);
            }
        }
    }
}
