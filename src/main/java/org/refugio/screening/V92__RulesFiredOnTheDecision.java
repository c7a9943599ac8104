package org.refugio.screening;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Issue 14: the rules that took part in a decision move from one row each ({@code screening_rule_fired}, V3: about
 * 44 rows per screening, each with its two index entries and a foreign-key check, about a fifth of what the
 * database did per screening) to one array column on the decision. The auditor's filter by rule reads it: on
 * PostgreSQL through a GIN index ({@code @>}), on the embedded H2 with {@code array_contains}. Existing decisions
 * keep their rules: the rows are copied before the table goes. A purge keeps the column, as it kept the rows.
 */
@Component
public class V92__RulesFiredOnTheDecision extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        try (Statement sql = connection.createStatement()) {
            sql.execute("alter table screening_decision add column rules_fired "
                    + (postgres ? "varchar(64)[]" : "varchar(64) array"));
            sql.execute("update screening_decision d set rules_fired = (select array_agg(r.rule_id order by r.rule_id)"
                    + " from screening_rule_fired r where r.decision_id = d.id)"
                    + " where exists (select 1 from screening_rule_fired r where r.decision_id = d.id)");
            sql.execute("drop table screening_rule_fired");
            if (postgres) {
                sql.execute("create index screening_decision_rules_fired on screening_decision using gin (rules_fired)");
            }
        }
    }
}
