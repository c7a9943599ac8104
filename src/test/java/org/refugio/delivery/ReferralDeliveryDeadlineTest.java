package org.refugio.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;
import org.refugio.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, item 2: "a delivery that keeps failing past the response deadline escalates as a no-answer does". The
 * provider's webhook receiver (a real HTTP server) never accepts; the send job spends its retries and becomes a
 * Cockpit incident; when the response deadline the referral would have had passes (short here), the timer on
 * "Deliver the referral" cancels the failing job, the referral is recorded as NO_RESPONSE ("not delivered"), and the
 * case moves on exactly as after a provider's silence: here no other provider is left, so it escalates to a
 * supervisor. The same retry settings as {@link ReferralDeliveryTest}, in its JVM (pom: jobs-alone).
 */
class ReferralDeliveryDeadlineTest extends CaseTest {

    @DynamicPropertySource
    static void shortDeadlines(DynamicPropertyRegistry registry) {
        // The configuration of ReferralDeliveryTest (same JVM: either context's job executor may run the other's
        // jobs, so both must deliver alike), with short response deadlines.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> ReferralDeliveryTest.MAIL.getSmtp().getPort());
        registry.add("refugio.delivery.public-url", () -> "https://refugio.example.org");
        registry.add("refugio.delivery.retry-cycle", () -> "PT1S,PT1S,PT1S");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "500");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
        // Long enough for the four attempts to end in an incident first; short enough to wait for in a test.
        registry.add("refugio.referral.response", () -> "PT40S");
        registry.add("refugio.referral.urgent-response", () -> "PT40S");
    }

    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    WebhookReceiver receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aDeliveryFailingUntilTheResponseDeadlineEscalatesAsANoAnswerDoes() throws Exception {
        String secret = WebhookReceiver.newSecret();
        receiver = WebhookReceiver.start("/hooks/refugio").verifyingWith(secret);
        receiver.failNext(1_000_000);
        ObjectNode body = JSON.createObjectNode().put("name", "Unreachable Legal Aid " + System.nanoTime())
                .put("fundingType", "LSC").put("nonLscFunds", true).put("servesYouth", false)
                .put("detentionCapable", false).put("capacity", 20)
                .put("webhookUrl", receiver.url()).put("webhookSecret", secret);
        body.putArray("regions").add("US-TX");
        body.putArray("languages").add("es");
        Response created = post("/api/v1/providers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String providerId = created.json().path("id").asText();

        String caseId = openedCase(scenarioFacts("public/06-marta-unknown-facts.json"), "es").path("id").asText();
        JsonNode proposed = referral(readCase(caseId), 1);
        assertThat(proposed.path("providerId").asText()).isEqualTo(providerId);
        String referralId = proposed.path("id").asText();
        confirmReview(caseId);
        String processInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult().getId();

        // The failing delivery, as an operator sees it: an incident on "Send the referral" once retries are spent.
        Incident[] incident = new Incident[1];
        Awaitility.await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(200)).until(() -> {
            incident[0] = runtime.createIncidentQuery().processInstanceId(processInstance).singleResult();
            return incident[0] != null;
        });
        assertThat(incident[0].getActivityId()).isEqualTo("ServiceTask_SendReferral");
        assertThat(receiver.deliveries()).hasSize(4).allMatch(d -> d.webhookId().equals("msg_" + referralId));
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::status).containsOnly(503);
        assertThat(referral(readCase(caseId), 1).path("status").asText()).isEqualTo("PROPOSED");
        assertThat(jdbc.queryForObject("select count(*) from referral_channel_delivery where referral_id = ?",
                Integer.class, UUID.fromString(referralId))).as("no channel accepted it").isZero();
        // It never reached the portal inbox either: a referral not sent does not exist for the provider.
        assertThat(get("/api/v1/provider/referrals/" + referralId, "Authorization",
                org.refugio.support.TestTokens.provider("ana.intake@unreachable", providerId)).status())
                .isEqualTo(404);

        // The response deadline it would have had passes: escalated as a no-answer is.
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> hasTask(caseId, "RESOLVE_ESCALATION"));
        JsonNode[] last = {readCase(caseId)};
        assertThat(referral(last[0], 1).path("status").asText()).isEqualTo("NO_RESPONSE");
        assertThat(last[0].path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(steps(last[0])).contains("RESOLVE_ESCALATION").doesNotContain("SEND_REFERRAL");
        // In the audit trail (the job may have run on another test context's engine: its events are not seen here).
        assertThat(audited(caseId, "PROVIDER_RESPONSE_OVERDUE")).hasSize(1);
        JsonNode overdue = JSON.readTree(audited(caseId, "PROVIDER_RESPONSE_OVERDUE").get(0));
        assertThat(overdue.path("outcome").asText()).isEqualTo("NOT_DELIVERED");
        assertThat(overdue.path("delivered").asBoolean(true)).isFalse();
        assertThat(overdue.path("referralId").asText()).isEqualTo(referralId);
        assertThat(audited(caseId, "REFERRAL_ESCALATED")).hasSize(1);
        // The failing job went with the delivery it belonged to: no incident is left for an operator to retry.
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstance).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(processInstance).activityId("ServiceTask_SendReferral")
                .count()).isZero();
        int attempts = receiver.deliveries().size();
        assertThat(attempts).isEqualTo(4);
    }

    /** The detail of each audit entry of this action on the case, chained or still pending. */
    private java.util.List<String> audited(String caseId, String action) {
        return jdbc.queryForList("select detail from audit_log where subject_id = ? and action = ? union all"
                + " select detail from audit_pending where subject_id = ? and action = ?", String.class, caseId, action,
                caseId, action);
    }
}
