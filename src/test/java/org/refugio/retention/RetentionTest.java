package org.refugio.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.support.RulesFired;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention purge (issue 15 item 3) with the default policy (screenings 365 days, closed cases 2190 days):
 * the test moves its own rows back in time rather than shortening the policy, so rows of other tests in the shared
 * database stay untouched. A purge erases personal data, keeps codes, and leaves the audit chain verifiable.
 */
class RetentionTest extends CaseTest {

    private static final String AS_AUDITOR = TestTokens.bearer("auditor-retention", Role.AUDITOR);

    @Autowired
    RetentionJob job;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void aProvider() {
        provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 5);
    }

    @Test
    void oldScreeningsOfNoCaseLoseTheirFactsAndKeepTheirCodes() {
        UUID old = screening(30);
        UUID recent = screening(31);
        JsonNode openCase = openedCase(scenarioFacts("public/06-marta-unknown-facts.json"), "es");
        UUID ofOpenCase = UUID.fromString(readCase(openCase.path("id").asText()).path("screenings").get(0)
                .path("screeningId").asText());
        age("screening_decision", "decided_at", old, 400);
        age("screening_decision", "decided_at", ofOpenCase, 400);
        long outcomes = codes("screening_program_outcome", old);
        List<String> rules = RulesFired.of(jdbc, old);
        assertThat(rules).isNotEmpty();
        assertThat(outcomes).isPositive();

        RetentionJob.Run run = job.purge();

        assertThat(run.lockTaken()).isTrue();
        assertThat(run.screeningsPurged()).isPositive();
        Map<String, Object> purged = jdbc.queryForMap(
                "select facts, decision, purged_at, ruleset_sha256 from screening_decision where id = ?", old);
        assertThat(purged.get("facts")).isNull();
        assertThat(purged.get("decision")).isNull();
        assertThat(purged.get("purged_at")).isNotNull();
        assertThat(purged.get("ruleset_sha256")).isNotNull();
        assertThat(codes("screening_program_outcome", old)).isEqualTo(outcomes);
        assertThat(RulesFired.of(jdbc, old)).isEqualTo(rules);
        assertThat(stillStored(recent)).as("a recent screening").isTrue();
        assertThat(stillStored(ofOpenCase)).as("the screening of an open case").isTrue();
        assertThat(purgeRecords("SCREENING_PURGED", old)).isEqualTo(1);
        assertThat(purgeRecords("SCREENING_PURGED", recent)).isZero();

        Response gone = get("/api/v1/screenings/" + old);
        assertThat(gone.status()).as(gone.body()).isEqualTo(410);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(gone.json().path("detail").asText()).contains("purged under the retention policy");
        assertThat(get("/api/v1/screenings/" + recent).status()).isEqualTo(200);

        Response replay = get("/api/v1/audit/decisions/" + old + "/replay", "Authorization", AS_AUDITOR);
        assertThat(replay.status()).as(replay.body()).isEqualTo(410);
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");

        Response audited = get("/api/v1/audit/decisions/" + old, "Authorization", AS_AUDITOR);
        assertThat(audited.status()).as(audited.body()).isEqualTo(200);
        assertThat(audited.json().path("purgedAt").isTextual()).isTrue();
        assertThat(audited.json().has("facts")).isFalse();
        assertThat(audited.json().path("integrity").path("recordIntact").asBoolean()).isTrue();

        JsonNode report = verify();
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("decisionsPurged").asLong()).isPositive();
    }

    @Test
    void anOldClosedCaseLosesIdentityAndFreeTextAndKeepsStatusDatesAndTarget() {
        String caseId = openWithIdentity();
        ObjectNode consent = JSON.createObjectNode().put("scope", "SHARE_IDENTITY_WITH_PROVIDER")
                .put("givenBy", "CLIENT").put("signedOn", today().toString())
                .put("expiresOn", today().plusDays(90).toString()).put("documentReference", "file 2026-118");
        Response recorded = post("/api/v1/cases/" + caseId + "/consents", consent, "Authorization", AS_CASEWORKER);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        Response declined = post("/api/v1/cases/" + caseId + "/client-decline", JSON.createObjectNode()
                .put("reasonCode", "ALREADY_HAS_A_LAWYER").put("reason", "Has a pro bono attorney through her church"),
                "Authorization", AS_CASEWORKER);
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        UUID id = UUID.fromString(caseId);
        jdbc.update("update referral set choice_reason = 'Speaks with her sister there', response_reason = 'none'"
                + " where case_id = ?", id);
        List<UUID> screenings = jdbc.queryForList("select screening_id from case_screening where case_id = ?",
                UUID.class, id);
        assertThat(screenings).isNotEmpty();
        Map<String, Object> before = jdbc.queryForMap("select status, opened_at, target, closing_reason_code"
                + " from legal_aid_case where id = ?", id);
        age("legal_aid_case", "closed_at", id, 2200);
        java.sql.Timestamp closedAt = jdbc.queryForObject("select closed_at from legal_aid_case where id = ?",
                java.sql.Timestamp.class, id);
        for (UUID s : screenings) {
            age("screening_decision", "decided_at", s, 2300);
        }

        job.purge();

        Map<String, Object> after = jdbc.queryForMap("select status, opened_at, target, closing_reason_code,"
                + " closed_at, pending_facts, closing_reason, purged_at from legal_aid_case where id = ?", id);
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("opened_at")).isEqualTo(before.get("opened_at"));
        assertThat(after.get("target")).isEqualTo(before.get("target"));
        assertThat(after.get("closing_reason_code")).isEqualTo("ALREADY_HAS_A_LAWYER");
        assertThat(after.get("closed_at")).isEqualTo(closedAt);
        assertThat(after.get("closing_reason")).isNull();
        assertThat(after.get("pending_facts")).isNull();
        assertThat(after.get("purged_at")).isNotNull();
        assertThat(count("select count(*) from person_identity where case_id = ?", id)).isZero();
        assertThat(count("select count(*) from consent where case_id = ?", id)).isEqualTo(1);
        assertThat(count("select count(*) from consent where case_id = ? and document_reference is not null", id))
                .isZero();
        assertThat(count("select count(*) from referral where case_id = ?"
                + " and (choice_reason is not null or response_reason is not null)", id)).isZero();
        assertThat(count("select count(*) from referral where case_id = ?", id)).isPositive();
        for (UUID s : screenings) {
            assertThat(stillStored(s)).as("screening " + s + " of the purged case").isFalse();
            assertThat(purgeRecords("SCREENING_PURGED", s)).isEqualTo(1);
        }
        assertThat(purgeRecords("CASE_PURGED", id)).isEqualTo(1);
        assertThat(get("/api/v1/cases/" + caseId + "/identity", "Authorization", AS_CASEWORKER).status())
                .isNotEqualTo(200);

        JsonNode report = verify();
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isTrue();
    }

    @Test
    void aDecisionEmptiedWithoutAPurgeRecordStillBreaksTheChain() {
        UUID id = screening(40);
        auditorSeals();
        long seq = jdbc.queryForObject("select seq from audit_log where action = 'SCREENING_DECIDED'"
                + " and decision_id = ?", Long.class, id);
        Map<String, Object> row = jdbc.queryForMap("select facts, decision from screening_decision where id = ?", id);
        // Emptied and even marked purged behind the service's back: the trail has no purge record for it.
        jdbc.update("update screening_decision set facts = null, decision = null, purged_at = current_timestamp"
                + " where id = ?", id);
        try {
            JsonNode report = verify();
            assertThat(report.path("verified").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("firstBroken").path("problem").asText()).isEqualTo("DECISION_MISSING");
            assertThat(report.path("firstBroken").path("seq").asLong()).isEqualTo(seq);
            Response audited = get("/api/v1/audit/decisions/" + id, "Authorization", AS_AUDITOR);
            assertThat(audited.status()).as(audited.body()).isEqualTo(200);
            assertThat(audited.json().has("purgedAt")).as("not purged by the service").isFalse();
            assertThat(audited.json().path("integrity").path("factsMatch").asBoolean()).isFalse();
        } finally {
            jdbc.update("update screening_decision set facts = ?, decision = ?, purged_at = null where id = ?",
                    row.get("facts"), row.get("decision"), id);
        }
        assertThat(verify().path("verified").asBoolean()).isTrue();
    }

    @Test
    void aNodeThatDoesNotGetTheLockPurgesNothingAndTwoRunsAtOncePurgeEachDecisionOnce() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "the cluster's lock is PostgreSQL's advisory lock");
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = screening(50 + i);
            age("screening_decision", "decided_at", id, 500);
            old.add(id);
        }
        RetentionJob.Run blocked = transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?) is not null", Boolean.class, RetentionJob.LOCK_KEY);
            return job.purge();
        });
        assertThat(blocked.lockTaken()).isFalse();
        assertThat(old).allMatch(this::stillStored);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<RetentionJob.Run>> runs = List.of(job::purge, job::purge);
            for (Future<RetentionJob.Run> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        for (UUID id : old) {
            assertThat(stillStored(id)).isFalse();
            assertThat(purgeRecords("SCREENING_PURGED", id)).as("purge records of " + id).isEqualTo(1);
        }
        assertThat(verify().path("verified").asBoolean()).isTrue();
    }

    private UUID screening(int age) {
        Response created = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":" + age + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asText());
    }

    private String openWithIdentity() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        body.set("identity", JSON.createObjectNode().put("name", "Citlali Example").put("phone", "+1 915 555 0100"));
        body.putArray("clientLanguages").add("es");
        Response opened = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    /** Moves a row's time column back by some days, as if it had been stored that long ago. */
    private void age(String table, String column, UUID id, int days) {
        jdbc.update("update " + table + " set " + column + " = " + column + " - interval '" + days + "' day"
                + " where id = ?", id);
    }

    private long codes(String table, UUID decisionId) {
        return count("select count(*) from " + table + " where decision_id = ?", decisionId);
    }

    private boolean stillStored(UUID id) {
        return count("select count(*) from screening_decision where id = ? and facts is not null"
                + " and decision is not null and purged_at is null", id) == 1;
    }

    /** Purge entries of a decision or case, chained or still pending. */
    private long purgeRecords(String action, UUID id) {
        return count("select (select count(*) from audit_log where action = ? and subject_id = ?)"
                + " + (select count(*) from audit_pending where action = ? and subject_id = ?)",
                action, id.toString(), action, id.toString());
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private JsonNode verify() {
        Response response = get("/api/v1/audit/verify?checkDecisions=true", "Authorization", AS_AUDITOR);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
