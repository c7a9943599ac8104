package org.refugio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default (H2 in PostgreSQL mode) runs the same migrations, and its Java trigger refuses UPDATE and
 * DELETE on the log and the ruleset archive as PostgreSQL's does.
 */
class H2AppendOnlyTest {

    @Test
    void theLogAndTheArchiveAreAppendOnlyOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:append-only;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration")
                .javaMigrations(new V3_1__AuditLogAppendOnly()).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.update("insert into ruleset_version (sha256, version, first_used_at, file_count, files)"
                + " values (?, 'v', current_timestamp, 0, X'00')", "a".repeat(64));
        jdbc.update("insert into audit_log (seq, recorded_at, actor, action, detail, key_id, prev_digest, digest)"
                + " values (1, current_timestamp, 'anonymous', 'TEST_EVENT', '{}', 'k', ?, ?)", "0".repeat(64), "1".repeat(64));

        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'mallory'"))
                .hasRootCauseInstanceOf(SQLException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update ruleset_version set version = 'w'"))
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.queryForObject("select actor from audit_log where seq = 1", String.class)).isEqualTo("anonymous");
    }
}
