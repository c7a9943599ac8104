package org.refugio.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the chain in sequence order and reports the first link that does not hold: a record whose HMAC does not
 * match its columns (altered, or slipped in by someone without the key), a gap in the sequence (a record removed),
 * a record that does not point at its predecessor's digest, a chain head that is not the last record (records cut
 * off the end), or a stored decision whose facts or text no longer match the digests its record holds.
 */
@Service
class ChainVerifier {

    enum Problem { RECORD_ALTERED, RECORD_MISSING, LINK_BROKEN, HEAD_MISMATCH, UNKNOWN_KEY, FACTS_ALTERED,
        DECISION_ALTERED, DECISION_MISSING }

    record Broken(long seq, Problem problem, String detail) { }

    record Report(boolean verified, long fromSeq, long toSeq, long recordsChecked, long decisionsChecked,
                  long decisionsPurged, Broken firstBroken, long headSeq, String headDigest) { }

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final AuditLog log;
    private final AuditKeys keys;
    private final ObjectMapper json;

    ChainVerifier(JdbcTemplate jdbc, AuditLog log, AuditKeys keys, ObjectMapper json) {
        this.jdbc = jdbc;
        this.log = log;
        this.keys = keys;
        this.json = json;
    }

    /**
     * @param toSeq null = to the end (the head, or beyond it if records were added without moving it)
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ) // the head and the log of one moment
    public Report verify(long fromSeq, Long toSeq, boolean checkDecisions) {
        AuditLog.Head head = log.head();
        Long maxSeq = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        long end = toSeq != null ? toSeq : Math.max(head.lastSeq(), maxSeq == null ? 0 : maxSeq);
        String previousDigest = AuditRecord.GENESIS;
        long expected = fromSeq;
        if (fromSeq > 1) {
            var anchor = log.bySeq(fromSeq - 1);
            if (anchor.isEmpty()) {
                return report(fromSeq, end, 0, 0, 0, new Broken(fromSeq - 1, Problem.RECORD_MISSING,
                        "record " + (fromSeq - 1) + ", which the range starts after, is missing"), head);
            }
            previousDigest = anchor.get().digest();
        }
        long records = 0;
        long decisions = 0;
        long purged = 0;
        long after = fromSeq - 1;
        while (after < end) {
            List<Row> batch = batch(after, end, checkDecisions);
            if (batch.isEmpty()) {
                break;
            }
            for (Row row : batch) {
                AuditRecord r = row.record();
                Broken broken = checkRecord(r, expected, previousDigest);
                if (broken == null && checkDecisions && ScreeningAudit.ACTION.equals(r.action())) {
                    broken = checkDecision(row);
                    decisions++;
                    if (broken == null && row.purged()) {
                        purged++;
                    }
                }
                if (broken != null) {
                    return report(fromSeq, end, records, decisions, purged, broken, head);
                }
                records++;
                previousDigest = r.digest();
                expected = r.seq() + 1;
                after = r.seq();
            }
        }
        if (expected <= end) {
            return report(fromSeq, end, records, decisions, purged, new Broken(expected, Problem.RECORD_MISSING,
                    "records " + expected + " to " + end + " are missing"), head);
        }
        if (toSeq == null && (head.lastSeq() != expected - 1 || !head.lastDigest().equals(previousDigest))) {
            return report(fromSeq, end, records, decisions, purged, new Broken(head.lastSeq(), Problem.HEAD_MISMATCH,
                    "the chain head names record " + head.lastSeq() + " but the log ends at record " + (expected - 1)), head);
        }
        return report(fromSeq, end, records, decisions, purged, null, head);
    }

    private Broken checkRecord(AuditRecord r, long expected, String previousDigest) {
        if (!keys.keyId().equals(r.keyId())) {
            return new Broken(r.seq(), Problem.UNKNOWN_KEY, "record " + r.seq() + " is signed with key " + r.keyId()
                    + ", not the configured key " + keys.keyId());
        }
        if (!keys.chainDigest(r.prevDigest(), r.canonical()).equals(r.digest())) {
            return new Broken(r.seq(), Problem.RECORD_ALTERED, "record " + r.seq()
                    + " does not match its digest: it was altered, or written by someone without the key");
        }
        if (r.seq() != expected) {
            return new Broken(expected, Problem.RECORD_MISSING, expected == r.seq() - 1
                    ? "record " + expected + " is missing"
                    : "records " + expected + " to " + (r.seq() - 1) + " are missing");
        }
        if (!r.prevDigest().equals(previousDigest)) {
            return new Broken(r.seq(), Problem.LINK_BROKEN, "record " + r.seq()
                    + " does not follow the digest of record " + (r.seq() - 1));
        }
        return null;
    }

    private Broken checkDecision(Row row) {
        AuditRecord r = row.record();
        if (row.purged()) {
            // Erased under the retention policy, and the trail says so: nothing left to compare with the digests.
            return null;
        }
        if (row.factsJson() == null) {
            return new Broken(r.seq(), Problem.DECISION_MISSING, "decision " + r.decisionId() + " of record " + r.seq()
                    + " is no longer stored");
        }
        if (!keys.contentDigest(row.factsJson()).equals(r.factsDigest())) {
            return new Broken(r.seq(), Problem.FACTS_ALTERED, "the stored facts of decision " + r.decisionId()
                    + " no longer match record " + r.seq());
        }
        if (!keys.contentDigest(row.decisionJson()).equals(decisionDigest(r))) {
            return new Broken(r.seq(), Problem.DECISION_ALTERED, "the stored decision " + r.decisionId()
                    + " no longer matches record " + r.seq());
        }
        return null;
    }

    String decisionDigest(AuditRecord r) {
        try {
            JsonNode detail = json.readTree(r.detail());
            return detail.path("decisionDigest").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param purged the decision's facts and text are gone, it is marked purged, and the trail holds a purge record
     *               for it; a row emptied or marked behind the service's back has no such record and still reports
     *               {@link Problem#DECISION_MISSING}
     */
    private record Row(AuditRecord record, String factsJson, String decisionJson, boolean purged) { }

    private List<Row> batch(long after, long end, boolean withDecisions) {
        String columns = AuditLog.COLUMNS.replaceAll("(\\w+)", "a.$1");
        String sql = withDecisions
                ? "select " + columns + ", d.facts, d.decision, case when d.facts is null and d.decision is null"
                        + " and d.purged_at is not null and exists (select 1 from audit_log p where p.action = '"
                        + AuditTrail.SCREENING_PURGED + "' and p.decision_id = d.id) then 1 else 0 end as purged"
                        + " from audit_log a left join screening_decision d"
                        + " on d.id = a.decision_id and a.action = '" + ScreeningAudit.ACTION + "'"
                        + " where a.seq > ? and a.seq <= ? order by a.seq limit " + BATCH
                : "select " + columns + ", null as facts, null as decision, 0 as purged from audit_log a"
                        + " where a.seq > ? and a.seq <= ? order by a.seq limit " + BATCH;
        List<Row> rows = new ArrayList<>(BATCH);
        jdbc.query(sql, rs -> {
            rows.add(new Row(AuditLog.record(rs, 0), rs.getString("facts"), rs.getString("decision"),
                    rs.getInt("purged") == 1));
        }, after, end);
        return rows;
    }

    private static Report report(long from, long to, long records, long decisions, long purged, Broken broken,
                                 AuditLog.Head head) {
        return new Report(broken == null, from, to, records, decisions, purged, broken, head.lastSeq(),
                head.lastDigest());
    }
}
