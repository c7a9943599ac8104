package org.refugio.screening;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stored screening decisions. */
@Repository
class ScreeningRepository {

    record StoredDecision(UUID id, String factsJson, String decisionJson, String rulesetVersion,
                          String rulesetSha256, String createdBy, String engineBuild, java.time.Instant purgedAt) {

        boolean purged() {
            return purgedAt != null;
        }
    }

    record ProgramRow(String program, String status) { }

    private final JdbcTemplate jdbc;

    ScreeningRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, java.time.Instant decidedAt, java.time.LocalDate asOf, String rulesetVersion,
                String rulesetSha256, String engineBuild, String createdBy, String factsJson, String decisionJson,
                List<ProgramRow> programs, java.util.Collection<String> rulesFired) {
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into screening_decision (id, decided_at,"
                    + " as_of_date, ruleset_version, ruleset_sha256, engine_build, created_by, facts, decision,"
                    + " rules_fired) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(decidedAt));
            insert.setObject(3, asOf);
            insert.setString(4, rulesetVersion);
            insert.setString(5, rulesetSha256);
            insert.setString(6, engineBuild);
            insert.setString(7, createdBy);
            insert.setString(8, factsJson);
            insert.setString(9, decisionJson);
            insert.setArray(10, connection.createArrayOf("varchar", rulesFired.toArray(String[]::new)));
            return insert;
        });
        jdbc.batchUpdate("insert into screening_program_outcome (decision_id, program, status) values (?, ?, ?)",
                programs, programs.size(), (ps, row) -> {
                    ps.setObject(1, id);
                    ps.setString(2, row.program());
                    ps.setString(3, row.status());
                });
    }

    Optional<StoredDecision> find(UUID id) {
        return jdbc.query("select id, facts, decision, ruleset_version, ruleset_sha256, created_by, engine_build,"
                        + " purged_at from screening_decision where id = ?",
                (rs, n) -> {
                    Timestamp purged = rs.getTimestamp("purged_at");
                    return new StoredDecision(rs.getObject("id", UUID.class), rs.getString("facts"),
                            rs.getString("decision"), rs.getString("ruleset_version"), rs.getString("ruleset_sha256"),
                            rs.getString("created_by"), rs.getString("engine_build"),
                            purged == null ? null : purged.toInstant());
                },
                id).stream().findFirst();
    }

    /**
     * Erases the personal data of a decision (its facts and decision text) and marks it purged; the id, dates,
     * ruleset, program outcomes and rules fired stay.
     *
     * @return true if this call purged it, false if it was purged already or does not exist
     */
    boolean purge(UUID id, java.time.Instant at) {
        return jdbc.update("update screening_decision set facts = null, decision = null, purged_at = ?"
                + " where id = ? and purged_at is null", Timestamp.from(at), id) == 1;
    }
}
