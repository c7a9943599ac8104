package org.refugio.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;
import org.refugio.support.WebhookReceiver;
import org.refugio.support.WebhookReceiver.Delivery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, item 2 and 3: a sent referral reaches the provider through its channels, against real servers in the
 * test — an HTTP receiver that checks every Standard Webhooks signature and counts deliveries per webhook-id, and an
 * SMTP server (GreenMail). Neither carries personal data. A receiver that fails gets retries with backoff; one that
 * never accepts ends in an incident that an operator's retry clears.
 */
class ReferralDeliveryTest extends CaseTest {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String NAME = "Yolotzin Quetzalli Itzel";

    static {
        MAIL.start();
        // Stopped with the JVM, not after this class: ReferralDeliveryDeadlineTest's context (same JVM, jobs-alone)
        // sends to the same server, whichever of the two runs first.
        Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop));
    }

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("refugio.delivery.public-url", () -> "https://refugio.example.org");
        // Short waits between attempts, and an acquisition that looks for due jobs every second, to see retries.
        registry.add("refugio.delivery.retry-cycle", () -> "PT1S,PT1S,PT1S");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "500");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
    }

    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    /** The provider's webhook endpoint: checks signatures, fails while told to, acts once per webhook-id. */
    WebhookReceiver receiver;
    String secret;
    /** Correctly signed deliveries accepted, per webhook-id. */
    final Map<String, Integer> actedOn = new ConcurrentHashMap<>();
    String providerId;

    @BeforeEach
    void aProviderWithAWebhookAndANoticeAddress() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        secret = WebhookReceiver.newSecret();
        receiver = WebhookReceiver.start("/hooks/refugio").verifyingWith(secret).answering(delivery -> {
            actedOn.merge(delivery.webhookId(), 1, Integer::sum);
            return 204;
        });
        providerName = "Webhook Legal Aid " + System.nanoTime();
        ObjectNode body = providerBody();
        Response created = post("/api/v1/providers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("webhookSecretSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(secret);
        providerId = created.json().path("id").asText();
    }

    /** Deliveries this receiver accepted and acted on (a repeat of a webhook-id is not acted on twice). */
    int accepted(String id) {
        return actedOn.getOrDefault(id, 0) > 0 ? 1 : 0;
    }

    String providerName;

    ObjectNode providerBody() {
        ObjectNode body = JSON.createObjectNode().put("name", providerName)
                .put("fundingType", "LSC").put("nonLscFunds", true).put("servesYouth", false)
                .put("detentionCapable", false).put("capacity", 20)
                .put("webhookUrl", receiver.url()).put("webhookSecret", secret)
                .put("noticeEmail", "intake@webhook-legal-aid.test");
        body.putArray("regions").add("US-TX");
        body.putArray("languages").add("es");
        return body;
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    String openConfirmedCase() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        body.putObject("identity").put("name", NAME).put("phone", "+1 915 555 0199");
        body.putArray("clientLanguages").add("es");
        Response opened = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("id").asText();
        assertThat(referral(readCase(caseId), 1).path("providerId").asText()).isEqualTo(providerId);
        confirmReview(caseId);
        return caseId;
    }

    @Test
    void aSentReferralArrivesOnceByWebhookAndByMailSignedAndWithoutPersonalData() throws Exception {
        String caseId = openConfirmedCase();
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();
        String webhookId = "msg_" + referralId;

        assertThat(receiver.deliveries()).hasSize(1);
        assertThat(receiver.badSignatures()).isZero();
        assertThat(actedOn).containsExactly(Map.entry(webhookId, 1));
        String deliveredBody = receiver.deliveries().get(0).body();
        JsonNode delivered = JSON.readTree(deliveredBody);
        assertThat(delivered.path("type").asText()).isEqualTo("referral.sent");
        assertThat(delivered.path("data").path("referralId").asText()).isEqualTo(referralId);
        assertThat(delivered.path("data").path("caseId").asText()).isEqualTo(caseId);
        assertThat(delivered.path("data").path("responseDueAt").asText()).isNotBlank();
        assertThat(delivered.path("data").path("href").asText())
                .isEqualTo("https://refugio.example.org/api/v1/provider/referrals/" + referralId);
        assertThat(deliveredBody).doesNotContain("Yolotzin").doesNotContain("555");
        // The body is what the contract describes (callbacks of createProvider), field for field.
        var described = JSON.copy().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(deliveredBody, org.refugio.api.model.ReferralSentWebhook.class);
        assertThat(described.getData().getReferralId().toString()).isEqualTo(referralId);
        assertThat(described.getData().getHref().toString()).endsWith("/api/v1/provider/referrals/" + referralId);

        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("intake@webhook-legal-aid.test");
        String text = GreenMailUtil.getBody(mails[0]);
        assertThat(text).contains("https://refugio.example.org/api/v1/provider/referrals/" + referralId)
                .doesNotContain("Yolotzin").doesNotContain("555");
        assertThat(jdbc.queryForList("select channel from referral_channel_delivery where referral_id = cast(? as uuid)"
                + " order by channel", String.class, referralId)).containsExactly("email", "webhook");
    }

    @Test
    void aReceiverThatFailsTwiceGetsRetriesAndActsOnTheReferralOnce() {
        receiver.failNext(2);
        String caseId = openConfirmedCase();
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();

        assertThat(receiver.deliveries()).hasSize(3);
        assertThat(receiver.deliveries()).extracting(Delivery::webhookId).containsOnly("msg_" + referralId);
        assertThat(accepted("msg_" + referralId)).isEqualTo(1);
        assertThat(actedOn.get("msg_" + referralId)).isEqualTo(1);
        // The e-mail went once, although the job that sends it ran three times.
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aReceiverThatNeverAcceptsEndsInAnIncidentAndAnOperatorsRetryDeliversIt() {
        receiver.failNext(1_000);
        String caseId = openConfirmedCase();
        String processInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult().getId();

        Incident[] incident = new Incident[1];
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
            incident[0] = runtime.createIncidentQuery().processInstanceId(processInstance).singleResult();
            return incident[0] != null;
        });
        assertThat(incident[0].getActivityId()).isEqualTo("ServiceTask_SendReferral");
        int attemptsBeforeIncident = receiver.deliveries().size();
        assertThat(attemptsBeforeIncident).isEqualTo(4);
        assertThat(referral(readCase(caseId), 1).path("status").asText()).isEqualTo("PROPOSED");

        // The operator's "retry" in Cockpit: the receiver works again and the job gets one more attempt.
        receiver.failNext(0);
        Job job = management.createJobQuery().processInstanceId(processInstance).noRetriesLeft().singleResult();
        management.setJobRetries(job.getId(), 1);
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();
        assertThat(actedOn).containsExactly(Map.entry("msg_" + referralId, 1));
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstance).count()).isZero();
    }

    @Test
    void aReplacedSecretKeepsSigningAlongsideTheNewOneSoTheReceiverCanSwitchOver() {
        String old = secret;
        String fresh = WebhookReceiver.newSecret();
        Response rotated = put("/api/v1/providers/" + providerId, providerBody().put("webhookSecret", fresh));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        String caseId = openConfirmedCase();
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();

        // The receiver still verifies with the old secret, and accepted the delivery.
        assertThat(receiver.badSignatures()).isZero();
        assertThat(actedOn).containsExactly(Map.entry("msg_" + referralId, 1));
        Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.signature().split(" ")).hasSize(2);
        // A receiver already switched to the new secret accepts it as well; one with neither does not.
        assertThat(WebhookReceiver.signedWith(fresh, delivery)).isTrue();
        assertThat(WebhookReceiver.signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), delivery))
                .isFalse();
        assertThat(old).isNotEqualTo(fresh);
    }
}
