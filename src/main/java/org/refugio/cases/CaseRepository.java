package org.refugio.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.routing.RoutingFacts;
import org.refugio.workflow.CaseWorkflow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The legal_aid_case and case_screening tables. */
@Repository
class CaseRepository {

    record ScreeningEntry(UUID screeningId, Instant screenedAt, String trigger) { }

    private final JdbcTemplate jdbc;

    CaseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Instant openedAt, String openedBy, String pendingFacts, UUID screeningId,
                Set<String> languages) {
        jdbc.update("insert into legal_aid_case (id, status, opened_at, opened_by, pending_facts, screening_id,"
                        + " client_languages) values (?, ?, ?, ?, ?, ?, ?)",
                id, CaseStatus.REFERRAL_PENDING.name(), Timestamp.from(openedAt), openedBy, pendingFacts, screeningId,
                String.join(",", languages));
    }

    /** The id of the process instance the workflow started for the case, to find it by (V94). */
    void processStarted(UUID id, String processInstanceId) {
        jdbc.update("update legal_aid_case set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    /** The case's process, as {@link CaseRecord#process()} names it; empty for no such case. */
    Optional<CaseWorkflow.CaseProcess> process(UUID id) {
        return jdbc.query("select process_instance_id from legal_aid_case where id = ?",
                (rs, n) -> new CaseWorkflow.CaseProcess(id, rs.getString(1)), id).stream().findFirst();
    }

    Optional<CaseRecord> find(UUID id) {
        return jdbc.query("select * from legal_aid_case where id = ?", (rs, n) -> row(rs), id).stream().findFirst();
    }

    Optional<String> openedBy(UUID id) {
        return jdbc.queryForList("select opened_by from legal_aid_case where id = ?", String.class, id).stream()
                .findFirst();
    }

    /** Reads the case under a row lock: steps that change it run one at a time. */
    Optional<CaseRecord> lock(UUID id) {
        return jdbc.query("select * from legal_aid_case where id = ? for update", (rs, n) -> row(rs), id)
                .stream().findFirst();
    }

    void setPendingFacts(UUID id, String factsJson) {
        jdbc.update("update legal_aid_case set pending_facts = ? where id = ?", factsJson, id);
    }

    void screened(UUID id, UUID screeningId, RoutingFacts routing, List<String> urgencyReasons,
                  boolean needsMoreInformation, Instant at, String trigger) {
        jdbc.update("update legal_aid_case set pending_facts = null, screening_id = ?, target = ?,"
                        + " alternative_targets = ?, lsc_scope = ?, urgent = ?, urgency_reasons = ?, minor = ?,"
                        + " country = ?, state = ?, detained = ?, needs_more_information = ? where id = ?",
                screeningId, routing.target().name(),
                String.join(",", routing.alternativeTargets().stream().map(Enum::name).toList()),
                routing.scope() == null ? null : routing.scope().name(), routing.urgent(),
                String.join(",", urgencyReasons), routing.minor(), routing.country(), routing.state(),
                routing.detained(), needsMoreInformation, id);
        jdbc.update("insert into case_screening (case_id, screening_id, screened_at, trigger_kind) values (?, ?, ?, ?)",
                id, screeningId, Timestamp.from(at), trigger);
    }

    List<ScreeningEntry> screenings(UUID id) {
        return jdbc.query("select screening_id, screened_at, trigger_kind from case_screening where case_id = ?"
                        + " order by screened_at, screening_id",
                (rs, n) -> new ScreeningEntry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getString(3)), id);
    }

    /** Who recorded the client's decline and why, before the workflow closes the case. */
    void recordDecline(UUID id, String recordedBy, String reasonCode, String reason) {
        jdbc.update("update legal_aid_case set closed_by = ?, closing_reason_code = ?, closing_reason = ? where id = ?",
                recordedBy, reasonCode, reason, id);
    }

    /** Ends the case; only a pending case can end, and only once. */
    boolean close(UUID id, CaseStatus status, Instant at, String closedBy) {
        return jdbc.update("update legal_aid_case set status = ?, closed_at = ?,"
                        + " closed_by = coalesce(?, closed_by) where id = ? and status = ?",
                status.name(), Timestamp.from(at), closedBy, id, CaseStatus.REFERRAL_PENDING.name()) == 1;
    }

    /**
     * Purges a closed case under the retention policy: the facts still waiting for a screening and the closing
     * reason (free text) are erased; status, dates, routing codes and reason codes stay.
     *
     * @return true if this call purged it; false when it is open, already purged or unknown
     */
    boolean purge(UUID id, Instant at) {
        return jdbc.update("update legal_aid_case set pending_facts = null, closing_reason = null, purged_at = ?"
                + " where id = ? and closed_at is not null and purged_at is null", Timestamp.from(at), id) == 1;
    }

    /** The case's screenings: every one in case_screening, and the one it names (adopted before any re-screen). */
    List<UUID> allScreeningIds(UUID id) {
        return jdbc.queryForList("select screening_id from case_screening where case_id = ? union"
                + " select screening_id from legal_aid_case where id = ? and screening_id is not null",
                UUID.class, id, id);
    }

    private static CaseRecord row(ResultSet rs) throws SQLException {
        String target = rs.getString("target");
        String scope = rs.getString("lsc_scope");
        return new CaseRecord(rs.getObject("id", UUID.class), CaseStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("opened_at").toInstant(), rs.getString("opened_by"), rs.getString("pending_facts"),
                rs.getObject("screening_id", UUID.class), new LinkedHashSet<>(list(rs.getString("client_languages"))),
                target == null ? null : ReferralTarget.valueOf(target),
                list(rs.getString("alternative_targets")).stream().map(ReferralTarget::valueOf).toList(),
                scope == null ? null : LscScope.valueOf(scope), bool(rs, "urgent"), list(rs.getString("urgency_reasons")),
                bool(rs, "minor"), rs.getString("country"), rs.getString("state"), bool(rs, "detained"),
                bool(rs, "needs_more_information"), instant(rs.getTimestamp("closed_at")), rs.getString("closed_by"),
                rs.getString("closing_reason_code"), rs.getString("closing_reason"),
                rs.getString("process_instance_id"));
    }

    static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }

    /** A nullable Boolean column: null stays unknown. */
    static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
