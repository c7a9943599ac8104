package org.refugio.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Makes the audit log and the ruleset archive append-only in the database itself, so that not even a bug in
 * this service (or a careless operator using the service's account) can rewrite history. PostgreSQL and H2
 * express triggers in different languages, hence a Java migration that picks the dialect rather than two
 * vendor-specific SQL locations. On PostgreSQL TRUNCATE is refused too; on H2, TRUNCATE does not fire
 * triggers, and the chain verification is what detects it there (README, "For auditors").
 */
@Component
public class V3_1__AuditLogAppendOnly extends BaseJavaMigration {

    static final List<String> PROTECTED_TABLES = List.of("audit_log", "ruleset_version");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName();
        try (Statement sql = connection.createStatement()) {
            if (product.equalsIgnoreCase("PostgreSQL")) {
                sql.execute("""
                        create or replace function refugio_append_only() returns trigger language plpgsql as $$
                        begin
                            raise exception 'refugio: % on % refused: the table is append-only', tg_op, tg_table_name
                                using errcode = 'insufficient_privilege';
                        end
                        $$""");
                for (String table : PROTECTED_TABLES) {
                    sql.execute("create trigger " + table + "_append_only before update or delete on " + table
                            + " for each row execute function refugio_append_only()");
                    sql.execute("create trigger " + table + "_no_truncate before truncate on " + table
                            + " for each statement execute function refugio_append_only()");
                }
            } else if (product.equalsIgnoreCase("H2")) {
                for (String table : PROTECTED_TABLES) {
                    sql.execute("create trigger " + table + "_append_only before update, delete on " + table
                            + " for each row call '" + AppendOnlyH2Trigger.class.getName() + "'");
                }
            } else {
                throw new IllegalStateException("no append-only trigger is defined for " + product);
            }
        }
    }
}
