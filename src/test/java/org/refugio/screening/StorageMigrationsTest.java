package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.refugio.audit.V3_1__AuditLogAppendOnly;
import org.refugio.audit.V50_1__AuditPendingSealerOnly;
import org.refugio.config.V93__Lz4ForLargeTexts;
import org.refugio.support.RulesFired;
import org.refugio.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database that already holds decisions keeps them through V92 and V93: the rules each decision fired move from
 * their rows to the decision's array, the auditor's filter finds them there, and on PostgreSQL new large texts are
 * compressed with lz4.
 */
class StorageMigrationsTest {

    private static final String SHA = "a".repeat(64);

    @Test
    void onTheEmbeddedH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:storage-migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1");
        decisionsKeepTheirRulesFired(h2, " and array_contains(rules_fired, ?)", null);
    }

    @Test
    void onPostgres() {
        assumeTrue(TestDatabase.isPostgres(), "PostgreSQL's own path");
        String[] address = TestDatabase.postgresAddress();
        assumeTrue(address != null, "a PostgreSQL named by " + TestDatabase.URL_VARIABLE);
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://" + address[0] + ":" + address[1] + "/" + address[2]);
        postgres.setUser(System.getenv().getOrDefault("REFUGIO_TEST_DB_USER", "postgres"));
        postgres.setPassword(System.getenv().getOrDefault("REFUGIO_TEST_DB_PASSWORD", ""));
        String schema = "storage_migrations_" + Long.toHexString(System.nanoTime());
        try {
            decisionsKeepTheirRulesFired(postgres, " and rules_fired @> array[?]::varchar[]", schema);
            JdbcTemplate jdbc = new JdbcTemplate(postgres);
            boolean lz4Built = Boolean.TRUE.equals(jdbc.queryForObject("select 'lz4' = any(enumvals) from pg_settings"
                    + " where name = 'default_toast_compression'", Boolean.class));
            assumeTrue(lz4Built, "this PostgreSQL was built without lz4");
            assertThat(jdbc.queryForList("select a.attname || ':' || a.attcompression::text from pg_attribute a"
                    + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = ? and c.relname = 'screening_decision' and a.attname in ('facts', 'decision')"
                    + " order by a.attname", String.class, schema)).containsExactly("decision:l", "facts:l");
        } finally {
            new JdbcTemplate(postgres).execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static void decisionsKeepTheirRulesFired(DataSource dataSource, String ruleFilter, String schema) {
        UUID withRules = UUID.randomUUID();
        UUID withoutRules = UUID.randomUUID();
        flyway(dataSource, schema).target("91").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String prefix = schema == null ? "" : schema + ".";
        for (UUID id : List.of(withRules, withoutRules)) {
            jdbc.update("insert into " + prefix + "screening_decision (id, decided_at, as_of_date, ruleset_version,"
                    + " ruleset_sha256, facts, decision) values (?, current_timestamp, current_date, '2026.12', ?,"
                    + " '{}', '{}')", id, SHA);
        }
        for (String rule : List.of("TV-01", "TV-02(a)", "LSC-04")) {
            jdbc.update("insert into " + prefix + "screening_rule_fired (decision_id, rule_id) values (?, ?)",
                    withRules, rule);
        }

        flyway(dataSource, schema).load().migrate();

        JdbcTemplate migrated = schema == null ? jdbc : inSchema(dataSource, schema);
        assertThat(RulesFired.of(migrated, withRules)).containsExactly("LSC-04", "TV-01", "TV-02(a)");
        assertThat(RulesFired.of(migrated, withoutRules)).isEmpty();
        assertThat(migrated.queryForList("select id from screening_decision where 1 = 1" + ruleFilter,
                UUID.class, "TV-02(a)")).containsExactly(withRules);
        assertThat(migrated.queryForList("select table_name from information_schema.tables"
                + " where lower(table_name) = 'screening_rule_fired'", String.class)).isEmpty();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V3_1__AuditLogAppendOnly(), new V50_1__AuditPendingSealerOnly(),
                        new V92__RulesFiredOnTheDecision(), new V93__Lz4ForLargeTexts());
        return schema == null ? configuration : configuration.schemas(schema);
    }

    private static JdbcTemplate inSchema(DataSource dataSource, String schema) {
        PGSimpleDataSource postgres = (PGSimpleDataSource) dataSource;
        PGSimpleDataSource scoped = new PGSimpleDataSource();
        scoped.setURL(postgres.getURL());
        scoped.setUser(postgres.getUser());
        scoped.setPassword(postgres.getPassword());
        scoped.setCurrentSchema(schema);
        return new JdbcTemplate(scoped);
    }
}
