package org.refugio.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

/** The audit_log table and its chain head. Append and read; the database refuses anything else. */
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

    /** Locks the head until the transaction ends: the one point where concurrent writers queue up. */
    Head lockHead() {
        return jdbc.queryForObject("select last_seq, last_digest from audit_chain_head where id = 1 for update",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()));
    }

    Head head() {
        return jdbc.queryForObject("select last_seq, last_digest from audit_chain_head where id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim()));
    }

    void append(AuditRecord r) {
        try {
            insert(r);
        } catch (DuplicateKeyException e) {
            throw new AuditLogDamagedException(r.seq());
        }
        int moved = jdbc.update("update audit_chain_head set last_seq = ?, last_digest = ? where id = 1 and last_seq = ?",
                r.seq(), r.digest(), r.seq() - 1);
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved while locked");
        }
    }

    private void insert(AuditRecord r) {
        jdbc.update("insert into audit_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.seq(), Timestamp.from(r.recordedAt()), r.actor(), r.action(), r.subjectId(), r.decisionId(),
                r.rulesetVersion(), r.rulesetSha256(), r.factsDigest(), r.detail(), r.keyId(), r.prevDigest(),
                r.digest());
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
