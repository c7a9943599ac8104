package org.refugio.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The audit_log table, its chain head, and the entries waiting to be chained (audit_pending). Append and read;
 * the database refuses anything else (the sealer alone may delete pending entries once chained).
 */
@Repository
class AuditLog {

    record Head(long lastSeq, String lastDigest) { }

    static final String COLUMNS = "seq, recorded_at, actor, action, subject_id, decision_id, ruleset_version,"
            + " ruleset_sha256, facts_digest, detail, key_id, prev_digest, digest";

    static final RowMapper<AuditRecord> RECORD = AuditLog::record;

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the head until the transaction ends; only the sealer takes it (one per cluster, AuditSealer). */
    Head lockHead() {
        return jdbc.queryForObject("select last_seq, last_digest from audit_chain_head where id = 1 for update",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()));
    }

    Head head() {
        return jdbc.queryForObject("select last_seq, last_digest from audit_chain_head where id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()));
    }

    /** A pending entry: complete, unchained, waiting for the sealer ({@code seq} 0, digest = entry digest). */
    record Pending(long id, AuditRecord entry) { }

    static final String PENDING_COLUMNS = "id, recorded_at, actor, action, subject_id, decision_id, ruleset_version,"
            + " ruleset_sha256, facts_digest, detail, key_id, entry_digest";

    /** Writes an entry to the pending table in the caller's transaction. */
    void appendPending(AuditRecord e) {
        jdbc.update("insert into audit_pending (recorded_at, actor, action, subject_id, decision_id, ruleset_version,"
                        + " ruleset_sha256, facts_digest, detail, key_id, entry_digest) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    bindEntry(ps, 1, e);
                    ps.setString(11, e.digest());
                });
    }

    /**
     * Binds an entry's columns from recorded_at to key_id (ten parameters from {@code first}), each with one type
     * whether it holds a value or not: bound as an untyped null when absent, the decision column changed type from
     * one entry to the next (a case writes entries with and without a decision), and the PostgreSQL driver prepared
     * the statement again on the server for nearly every entry, or split a batch where the types changed (issue 14).
     */
    private static void bindEntry(PreparedStatement ps, int first, AuditRecord e) throws SQLException {
        ps.setTimestamp(first, Timestamp.from(e.recordedAt()));
        ps.setString(first + 1, e.actor());
        ps.setString(first + 2, e.action());
        ps.setString(first + 3, e.subjectId());
        if (e.decisionId() == null) {
            ps.setNull(first + 4, Types.OTHER, "uuid");
        } else {
            ps.setObject(first + 4, e.decisionId());
        }
        ps.setString(first + 5, e.rulesetVersion());
        ps.setString(first + 6, e.rulesetSha256());
        ps.setString(first + 7, e.factsDigest());
        ps.setString(first + 8, e.detail());
        ps.setString(first + 9, e.keyId());
    }

    /** The oldest committed pending entries, in the order they were appended. */
    List<Pending> pending(int limit) {
        return jdbc.query("select " + PENDING_COLUMNS + " from audit_pending order by id limit ?", (rs, n) ->
                new Pending(rs.getLong("id"), new AuditRecord(0, rs.getObject("recorded_at", OffsetDateTime.class)
                        .toInstant(), rs.getString("actor"), rs.getString("action"), rs.getString("subject_id"),
                        rs.getObject("decision_id", UUID.class), rs.getString("ruleset_version"),
                        trim(rs.getString("ruleset_sha256")), trim(rs.getString("facts_digest")), rs.getString("detail"),
                        rs.getString("key_id"), null, trim(rs.getString("entry_digest")))), limit);
    }

    /** The highest id of a committed pending entry, 0 when none waits. */
    long lastPendingId() {
        Long id = jdbc.queryForObject("select max(id) from audit_pending", Long.class);
        return id == null ? 0 : id;
    }

    boolean pendingUpTo(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from audit_pending where id <= ?)", Boolean.class, id));
    }

    long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from audit_pending", Long.class);
        return n == null ? 0 : n;
    }

    int deletePending(List<Long> ids) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        return jdbc.update("delete from audit_pending where id in (" + in + ")", ids.toArray());
    }

    long maxSeq() {
        Long seq = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        return seq == null ? 0 : seq;
    }

    /** max(seq) of the log minus the head's last_seq, read in one statement (one snapshot): 0 when they agree. */
    long headDrift() {
        Long drift = jdbc.queryForObject("select coalesce((select max(seq) from audit_log), 0)"
                + " - (select last_seq from audit_chain_head where id = 1)", Long.class);
        return drift == null ? 0 : drift;
    }

    Optional<java.time.Instant> recordedAt(long seq) {
        return jdbc.query("select recorded_at from audit_log where seq = ?",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(), seq).stream().findFirst();
    }

    /** Appends signed records after {@code head}, and moves the head to the last of them (the head is locked). */
    void appendAll(Head head, List<AuditRecord> records) {
        try {
            jdbc.batchUpdate("insert into audit_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    records, records.size(), (ps, r) -> {
                        ps.setLong(1, r.seq());
                        bindEntry(ps, 2, r);
                        ps.setString(12, r.prevDigest());
                        ps.setString(13, r.digest());
                    });
        } catch (DuplicateKeyException e) {
            throw new AuditLogDamagedException(head.lastSeq() + 1);
        }
        AuditRecord last = records.get(records.size() - 1);
        int moved = jdbc.update("update audit_chain_head set last_seq = ?, last_digest = ? where id = 1 and last_seq = ?",
                last.seq(), last.digest(), head.lastSeq());
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved while locked");
        }
    }

    Optional<AuditRecord> decisionRecord(UUID decisionId) {
        return jdbc.query("select " + COLUMNS + " from audit_log where decision_id = ? and action = ? order by seq limit 1",
                RECORD, decisionId, ScreeningAudit.ACTION).stream().findFirst();
    }

    Optional<AuditRecord> bySeq(long seq) {
        return jdbc.query("select " + COLUMNS + " from audit_log where seq = ?", RECORD, seq).stream().findFirst();
    }

    List<AuditRecord> list(long fromSeq, String action, UUID decisionId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_log where seq >= ?");
        List<Object> args = new ArrayList<>(List.of(fromSeq));
        if (action != null) {
            sql.append(" and action = ?");
            args.add(action);
        }
        if (decisionId != null) {
            sql.append(" and decision_id = ?");
            args.add(decisionId);
        }
        sql.append(" order by seq limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), RECORD, args.toArray());
    }

    /** Streams the records of a time range in sequence order, without holding them all. */
    void forEachInTimeRange(OffsetDateTime from, OffsetDateTime to, String action, Consumer<AuditRecord> each) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_log where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" and recorded_at >= ?");
            args.add(Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            sql.append(" and recorded_at < ?");
            args.add(Timestamp.from(to.toInstant()));
        }
        if (action != null) {
            sql.append(" and action = ?");
            args.add(action);
        }
        sql.append(" order by seq");
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql.toString());
            ps.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            each.accept(record(rs, 0));
        });
    }

    static AuditRecord record(ResultSet rs, int n) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("subject_id"),
                rs.getObject("decision_id", UUID.class), rs.getString("ruleset_version"),
                trim(rs.getString("ruleset_sha256")), trim(rs.getString("facts_digest")), rs.getString("detail"),
                rs.getString("key_id"), trim(rs.getString("prev_digest")), trim(rs.getString("digest")));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
