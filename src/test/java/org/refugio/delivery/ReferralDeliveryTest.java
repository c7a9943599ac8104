package org.refugio.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

    /** A provider's webhook endpoint: checks signatures, fails while told to, acts once per webhook-id. */
    static class Receiver {
        volatile String secret;
        final HttpServer server;
        final AtomicInteger failuresLeft = new AtomicInteger();
        final List<Map<String, String>> attempts = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> actedOn = new ConcurrentHashMap<>();
        final AtomicInteger badSignatures = new AtomicInteger();

        Receiver() throws IOException {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            secret = "whsec_" + Base64.getEncoder().encodeToString(key);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/refugio", this::handle);
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hooks/refugio";
        }

        void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            attempts.add(Map.of("id", String.valueOf(id), "body", body, "timestamp", String.valueOf(timestamp),
                    "signature", String.valueOf(signature)));
            int status;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else if (!valid(id, timestamp, signature, body)) {
                badSignatures.incrementAndGet();
                status = 401;
            } else {
                actedOn.merge(id, 1, Integer::sum);
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        /** Standard Webhooks verification, written here apart from the service's signing code. */
        boolean valid(String id, String timestamp, String signatures, String body) {
            if (id == null || timestamp == null || signatures == null) {
                return false;
            }
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                for (String candidate : signatures.split(" ")) {
                    if (candidate.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Deliveries this receiver accepted and acted on (a repeat of a webhook-id is not acted on twice). */
        int accepted(String id) {
            return actedOn.getOrDefault(id, 0) > 0 ? 1 : 0;
        }
    }

    Receiver receiver;
    String providerId;

    @BeforeEach
    void aProviderWithAWebhookAndANoticeAddress() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        receiver = new Receiver();
        providerName = "Webhook Legal Aid " + System.nanoTime();
        ObjectNode body = providerBody();
        Response created = post("/api/v1/providers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("webhookSecretSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(receiver.secret);
        providerId = created.json().path("id").asText();
    }

    String providerName;

    ObjectNode providerBody() {
        ObjectNode body = JSON.createObjectNode().put("name", providerName)
                .put("fundingType", "LSC").put("nonLscFunds", true).put("servesYouth", false)
                .put("detentionCapable", false).put("capacity", 20)
                .put("webhookUrl", receiver.url()).put("webhookSecret", receiver.secret)
                .put("noticeEmail", "intake@webhook-legal-aid.test");
        body.putArray("regions").add("US-TX");
        body.putArray("languages").add("es");
        return body;
    }

    @AfterEach
    void stopReceiver() {
        receiver.server.stop(0);
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

        assertThat(receiver.attempts).hasSize(1);
        assertThat(receiver.badSignatures.get()).isZero();
        assertThat(receiver.actedOn).containsExactly(Map.entry(webhookId, 1));
        JsonNode delivered = JSON.readTree(receiver.attempts.get(0).get("body"));
        assertThat(delivered.path("type").asText()).isEqualTo("referral.sent");
        assertThat(delivered.path("data").path("referralId").asText()).isEqualTo(referralId);
        assertThat(delivered.path("data").path("caseId").asText()).isEqualTo(caseId);
        assertThat(delivered.path("data").path("responseDueAt").asText()).isNotBlank();
        assertThat(delivered.path("data").path("href").asText())
                .isEqualTo("https://refugio.example.org/api/v1/provider/referrals/" + referralId);
        assertThat(receiver.attempts.get(0).get("body")).doesNotContain("Yolotzin").doesNotContain("555");
        // The body is what the contract describes (callbacks of createProvider), field for field.
        var described = JSON.copy().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(receiver.attempts.get(0).get("body"), org.refugio.api.model.ReferralSentWebhook.class);
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
        receiver.failuresLeft.set(2);
        String caseId = openConfirmedCase();
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();

        assertThat(receiver.attempts).hasSize(3);
        assertThat(receiver.attempts).extracting(a -> a.get("id")).containsOnly("msg_" + referralId);
        assertThat(receiver.accepted("msg_" + referralId)).isEqualTo(1);
        assertThat(receiver.actedOn.get("msg_" + referralId)).isEqualTo(1);
        // The e-mail went once, although the job that sends it ran three times.
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aReceiverThatNeverAcceptsEndsInAnIncidentAndAnOperatorsRetryDeliversIt() {
        receiver.failuresLeft.set(1_000);
        String caseId = openConfirmedCase();
        String processInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult().getId();

        Incident[] incident = new Incident[1];
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
            incident[0] = runtime.createIncidentQuery().processInstanceId(processInstance).singleResult();
            return incident[0] != null;
        });
        assertThat(incident[0].getActivityId()).isEqualTo("ServiceTask_SendReferral");
        int attemptsBeforeIncident = receiver.attempts.size();
        assertThat(attemptsBeforeIncident).isEqualTo(4);
        assertThat(referral(readCase(caseId), 1).path("status").asText()).isEqualTo("PROPOSED");

        // The operator's "retry" in Cockpit: the receiver works again and the job gets one more attempt.
        receiver.failuresLeft.set(0);
        Job job = management.createJobQuery().processInstanceId(processInstance).noRetriesLeft().singleResult();
        management.setJobRetries(job.getId(), 1);
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();
        assertThat(receiver.actedOn).containsExactly(Map.entry("msg_" + referralId, 1));
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstance).count()).isZero();
    }

    @Test
    void aReplacedSecretKeepsSigningAlongsideTheNewOneSoTheReceiverCanSwitchOver() {
        String old = receiver.secret;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String fresh = "whsec_" + Base64.getEncoder().encodeToString(key);
        Response rotated = put("/api/v1/providers/" + providerId, providerBody().put("webhookSecret", fresh));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        String caseId = openConfirmedCase();
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();

        // The receiver still verifies with the old secret, and accepted the delivery.
        assertThat(receiver.badSignatures.get()).isZero();
        assertThat(receiver.actedOn).containsExactly(Map.entry("msg_" + referralId, 1));
        Map<String, String> delivery = receiver.attempts.get(0);
        assertThat(delivery.get("signature").split(" ")).hasSize(2);
        // A receiver already switched to the new secret accepts it as well; one with neither does not.
        receiver.secret = fresh;
        assertThat(receiver.valid(delivery.get("id"), delivery.get("timestamp"), delivery.get("signature"),
                delivery.get("body"))).isTrue();
        receiver.secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(receiver.valid(delivery.get("id"), delivery.get("timestamp"), delivery.get("signature"),
                delivery.get("body"))).isFalse();
        assertThat(old).isNotEqualTo(fresh);
    }
}
