package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;

/**
 * Issue 4 on a real case: every routing decision, caseworker override and provider response becomes a record of
 * the chained audit log, with its actor, and the chain still verifies.
 */
class CaseAuditTrailTest extends CaseTest {

    @Test
    void everyStepOfACaseIsRecordedInTheVerifiedAuditLog() {
        String first = provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es", "en"), false, false, 5);
        String second = provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es"), false, false, 5);
        JsonNode opened = openedCase(scenarioFacts("public/01-juan-debt-bondage-farm-labor.json"), "es");
        String caseId = opened.path("id").asText();

        String review = task(caseId, "REVIEW_REFERRAL").path("id").asText();
        String other = first.equals(readCase(caseId).path("referrals").get(0).path("providerId").asText()) ? second : first;
        assertThat(complete(review, decision("CHANGE_PROVIDER").put("providerId", other)
                .put("reasonCode", "LANGUAGE").put("reason", "Client asked for this office")).status()).isEqualTo(200);
        // The changed provider is the case's second referral; the first was superseded.
        JsonNode sent = awaitSent(caseId, 2);
        assertThat(answer(caseId, referral(sent, 2).path("id").asText(), "ACCEPTED", null).status()).isEqualTo(200);

        auditorSeals();
        List<String> actions = jdbc.queryForList(
                "select action from audit_log where subject_id = ? order by seq", String.class, caseId);
        assertThat(actions).contains("CASE_SCREENED", "REFERRAL_ROUTED", "REFERRAL_REVIEWED", "REFERRAL_SENT",
                "PROVIDER_RESPONDED", "CASE_CLOSED");
        assertThat(jdbc.queryForList("select actor from audit_log where subject_id = ? and action = 'REFERRAL_REVIEWED'",
                String.class, caseId)).containsExactly(CASEWORKER);
        String override = jdbc.queryForObject(
                "select detail from audit_log where subject_id = ? and action = 'REFERRAL_REVIEWED'", String.class, caseId);
        assertThat(override).contains("PROVIDER_CHANGED").contains("LANGUAGE").doesNotContain("Client asked");

        JsonNode verified = get("/api/v1/audit/verify", "Authorization", TestTokens.bearer("an-auditor", Role.AUDITOR)).json();
        assertThat(verified.path("verified").asBoolean()).as(verified.toString()).isTrue();
    }
}
