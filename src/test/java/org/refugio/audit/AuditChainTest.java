package org.refugio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.refugio.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log is tamper-evident: verification passes on an untouched chain and names the first broken link when an
 * attacker with database access (who can disable the trigger, but does not have the HMAC key) alters, removes or
 * slips in a record, or edits a stored decision. Every tampering is undone in the same test, since all API tests
 * share one database.
 */
class AuditChainTest extends ApiTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void someDecisions() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":" + (20 + i) + "}}").status()).isEqualTo(201);
        }
        auditorSeals();
    }

    @Test
    void anUntouchedChainVerifies() {
        JsonNode report = verify("");
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("recordsChecked").asLong()).isEqualTo(report.path("headSeq").asLong());
        assertThat(report.path("decisionsChecked").asLong()).isPositive();
        assertThat(report.has("firstBroken")).isFalse();
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteRecords() {
        long seq = lastDecisionSeq();
        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'mallory' where seq = ?", seq))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where seq = ?", seq))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ruleset_version"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assumeTrue(TestDatabase.isPostgres(), "TRUNCATE triggers exist on PostgreSQL only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
    }

    @Test
    void aModifiedRecordIsPinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        long seq = lastDecisionSeq();
        String detail = jdbc.queryForObject("select detail from audit_log where seq = ?", String.class, seq);
        tamper("update audit_log set detail = ? where seq = ?",
                detail.replace("\"NOT_ELIGIBLE\"", "\"ELIGIBLE\"").replace("\"NEEDS_MORE_INFORMATION\"", "\"ELIGIBLE\""), seq);
        try {
            assertBroken(verify(""), seq, "RECORD_ALTERED");
        } finally {
            tamper("update audit_log set detail = ? where seq = ?", detail, seq);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aRecordWhoseActorWasChangedIsPinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        long seq = lastDecisionSeq();
        String actor = jdbc.queryForObject("select actor from audit_log where seq = ?", String.class, seq);
        tamper("update audit_log set actor = 'someone-else' where seq = ?", seq);
        try {
            assertBroken(verify(""), seq, "RECORD_ALTERED");
        } finally {
            tamper("update audit_log set actor = ? where seq = ?", actor, seq);
        }
    }

    @Test
    void aDeletedRecordIsPinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        long seq = lastDecisionSeq() - 1;
        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where seq = ?", seq);
        tamper("delete from audit_log where seq = ?", seq);
        try {
            assertBroken(verify(""), seq, "RECORD_MISSING");
        } finally {
            reinsert(row);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void recordsCutOffTheEndArePinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        long last = jdbc.queryForObject("select max(seq) from audit_log", Long.class);
        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where seq = ?", last);
        tamper("delete from audit_log where seq = ?", last);
        try {
            assertBroken(verify(""), last, "RECORD_MISSING");
        } finally {
            reinsert(row);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aRecordSlippedInIsPinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        long seq = lastDecisionSeq();
        Map<String, Object> original = jdbc.queryForMap("select * from audit_log where seq = ?", seq);
        // The attacker replaces a decision's record by one of their own, linked to the right predecessor and
        // with a digest of the right shape, but cannot compute the HMAC without the key.
        tamper("delete from audit_log where seq = ?", seq);
        try {
            tamper("insert into audit_log (seq, recorded_at, actor, action, subject_id, decision_id, ruleset_version,"
                            + " ruleset_sha256, facts_digest, detail, key_id, prev_digest, digest)"
                            + " values (?, ?, 'anonymous', 'SCREENING_DECIDED', ?, ?, ?, ?, ?, '{}', ?, ?, ?)",
                    seq, original.get("recorded_at"), original.get("subject_id"), original.get("decision_id"),
                    original.get("ruleset_version"), original.get("ruleset_sha256"), original.get("facts_digest"),
                    original.get("key_id"), original.get("prev_digest"),
                    "f".repeat(64));
            assertBroken(verify(""), seq, "RECORD_ALTERED");
        } finally {
            tamper("delete from audit_log where seq = ?", seq);
            reinsert(original);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aRecordAppendedWithoutTheKeyIsPinpointed() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        // The attacker holds the sealer's lock while writing, or the service might take the place first.
        long seq = transactions.execute(tx -> {
            jdbc.queryForList("select 1 from pg_advisory_xact_lock(?)", AuditSealer.LOCK_KEY);
            Map<String, Object> last = jdbc.queryForMap("select * from audit_log order by seq desc limit 1");
            long next = ((Number) last.get("seq")).longValue() + 1;
            tamper("insert into audit_log (seq, recorded_at, actor, action, detail, key_id, prev_digest, digest)"
                    + " values (?, now(), 'mallory', 'CASEWORKER_OVERRIDE', '{}', ?, ?, ?)", next, last.get("key_id"),
                    last.get("digest"), "a".repeat(64));
            return next;
        });
        try {
            assertBroken(verify(""), seq, "RECORD_ALTERED");
            // The service fails closed: no decision is stored while it cannot record it.
            long decisions = count("screening_decision");
            Response refused = post("/api/v1/screenings", "{}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:problem-type:refugio:audit-log-damaged");
            assertThat(count("screening_decision")).isEqualTo(decisions);
        } finally {
            tamper("delete from audit_log where seq = ?", seq);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void editedFactsOfAStoredDecisionArePinpointed() {
        long seq = lastDecisionSeq();
        String decisionId = jdbc.queryForObject("select decision_id from audit_log where seq = ?", String.class, seq);
        String facts = jdbc.queryForObject("select facts from screening_decision where id = cast(? as uuid)",
                String.class, decisionId);
        jdbc.update("update screening_decision set facts = ? where id = cast(? as uuid)",
                facts.replace("\"ageEstimate\":22", "\"ageEstimate\":17"), decisionId);
        try {
            assertBroken(verify(""), seq, "FACTS_ALTERED");
            JsonNode full = get("/api/v1/audit/decisions/" + decisionId).json();
            assertThat(full.path("integrity").path("factsMatch").asBoolean()).isFalse();
            assertThat(full.path("integrity").path("recordIntact").asBoolean()).isTrue();
        } finally {
            jdbc.update("update screening_decision set facts = ? where id = cast(? as uuid)", facts, decisionId);
        }
        assertThat(verify("").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aRangeIsVerifiedFromItsFirstRecord() {
        long head = jdbc.queryForObject("select last_seq from audit_chain_head", Long.class);
        JsonNode report = verify("?fromSeq=" + Math.max(1, head - 2) + "&toSeq=" + head);
        assertThat(report.path("verified").asBoolean()).isTrue();
        assertThat(report.path("recordsChecked").asLong()).isEqualTo(Math.min(3, head));
    }

    @Test
    void concurrentWritersKeepTheChainLinear() throws Exception {
        long before = jdbc.queryForObject("select last_seq from audit_chain_head", Long.class);
        String run = "run-" + System.nanoTime();
        int writers = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    for (int i = 0; i < each; i++) {
                        if (i % 5 == 0) {
                            assertThat(post("/api/v1/screenings", "{}").status()).isEqualTo(201);
                        } else {
                            trail.record(AuditEntry.of("TEST_EVENT", "writer-" + writer)
                                    .withDetail(Map.of("writer", writer, "i", i, "run", run)));
                        }
                    }
                    return each;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // The entries are sealed shortly after; an auditor's read seals what is pending first. Auditor reads are
        // themselves logged, so the writers' entries are counted by action.
        auditorSeals();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where seq > ? and action = 'TEST_EVENT'"
                + " and detail like ?", Long.class, before, "%\"run\":\"" + run + "\"%")).isEqualTo((long) writers * (each - each / 5));
        assertThat(jdbc.queryForObject("select count(*) from audit_log where seq > ? and action = 'SCREENING_DECIDED'",
                Long.class, before)).isEqualTo((long) writers * (each / 5));
        assertThat(jdbc.queryForObject("select count(*) from audit_pending where action in ('TEST_EVENT', 'SCREENING_DECIDED')",
                Long.class)).isZero();
        JsonNode report = verify("?fromSeq=" + (before + 1));
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isTrue();
        // Each record points at the one before it: one line, no forks.
        assertThat(jdbc.queryForObject("select count(*) from audit_log a join audit_log b on b.seq = a.seq + 1"
                + " where a.seq >= ? and b.prev_digest <> a.digest", Long.class, before)).isZero();
    }

    private JsonNode verify(String query) {
        Response response = get("/api/v1/audit/verify" + query, "Authorization", TestTokens.bearer("auditor-1", Role.AUDITOR));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertBroken(JsonNode report, long seq, String problem) {
        assertThat(report).isNotNull();
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.path("firstBroken").path("problem").asText()).as(report.toString()).isEqualTo(problem);
        assertThat(report.path("firstBroken").path("seq").asLong()).as(report.toString()).isEqualTo(seq);
    }

    private long lastDecisionSeq() {
        return jdbc.queryForObject("select max(seq) from audit_log where action = 'SCREENING_DECIDED'", Long.class);
    }

    /** What an attacker with the database's owner account can do: switch the trigger off, write, switch it on. */
    private void tamper(String sql, Object... args) {
        jdbc.execute("alter table audit_log disable trigger audit_log_append_only");
        try {
            jdbc.update(sql, args);
        } finally {
            jdbc.execute("alter table audit_log enable trigger audit_log_append_only");
        }
    }

    private void reinsert(Map<String, Object> row) {
        tamper("insert into audit_log (seq, recorded_at, actor, action, subject_id, decision_id, ruleset_version,"
                        + " ruleset_sha256, facts_digest, detail, key_id, prev_digest, digest)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("seq"), row.get("recorded_at"), row.get("actor"), row.get("action"), row.get("subject_id"),
                row.get("decision_id"), row.get("ruleset_version"), row.get("ruleset_sha256"), row.get("facts_digest"),
                row.get("detail"), row.get("key_id"), row.get("prev_digest"), row.get("digest"));
    }
}
