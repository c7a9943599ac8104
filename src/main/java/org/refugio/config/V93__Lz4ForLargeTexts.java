package org.refugio.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Issue 14: PostgreSQL compresses every large text (a stored decision is about 48 KB, its facts 2 KB) with pglz
 * unless a column says otherwise; measured on a stored decision, pglz took about 1 ms of the database's processor
 * per screening and lz4 a third of that, for the same size on disk. Values already stored keep their compression
 * (both read back the same); new ones use lz4. Only where the server was built with lz4 (it then lists it among the
 * values of {@code default_toast_compression}); H2 has no such setting.
 */
@Component
public class V93__Lz4ForLargeTexts extends BaseJavaMigration {

    private static final String[] LARGE_TEXTS = {
        "screening_decision.facts", "screening_decision.decision", "legal_aid_case.pending_facts",
        "impact_analysis.view",
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            return;
        }
        try (Statement sql = connection.createStatement()) {
            try (ResultSet lz4 = sql.executeQuery("select 'lz4' = any(enumvals) from pg_settings"
                    + " where name = 'default_toast_compression'")) {
                if (!lz4.next() || !lz4.getBoolean(1)) {
                    return;
                }
            }
            for (String column : LARGE_TEXTS) {
                String[] tableAndColumn = column.split("\\.");
                sql.execute("alter table " + tableAndColumn[0] + " alter column " + tableAndColumn[1]
                        + " set compression lz4");
            }
        }
    }
}
