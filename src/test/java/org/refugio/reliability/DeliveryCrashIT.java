package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ServiceProcess;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.refugio.support.WebhookReceiver;
import org.refugio.support.WebhookReceiver.Delivery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 12 item 6: kill -9 during a delivery. The packaged service sends a referral's webhook to a receiver that
 * holds the request (the delivery is in flight), and dies there; a second case's review is confirmed just before
 * the kill, its delivery not yet begun. Started again on the same database and keys, the service takes up both
 * "send referral" jobs once the dead process's job locks expire: every delivery arrives, the interrupted one again
 * with the same webhook-id and a valid signature, and a receiver that acts once per webhook-id acts once per
 * referral. Both referrals end SENT.
 *
 * <p>The service runs with application.yaml's job settings (lock 30 s, idle wait up to 15 s), as deployed: the
 * restart itself takes about as long as the lock, so shortening it would save little and measure less.
 */
class DeliveryCrashIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Lock time (30 s) + the longest idle wait (15 s) after the restart, plus a loaded machine's slack. */
    static final Duration REDELIVERED_WITHIN = Duration.ofSeconds(120);

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String admin = TestTokens.bearer("delivery-crash-admin", Role.ADMIN);
    final String caseworker = TestTokens.bearer("delivery-crash-caseworker-" + run, Role.CASEWORKER);

    @Test
    void aDeliveryCutByKillMinusNineArrivesAfterTheRestartAndIsActedOnOnce() throws Exception {
        assumeTrue(TestDatabase.postgresAddress() != null, "needs PostgreSQL");
        String secret = WebhookReceiver.newSecret();
        Provider provider = new Provider();
        WebhookReceiver receiver = WebhookReceiver.start("/hooks/refugio").verifyingWith(secret).answering(provider);
        try (ServiceProcess service = new ServiceProcess(Path.of("target", "delivery-crash.log"))) {
            service.start();
            int port = service.port();
            for (JsonNode p : call(port, "GET", "/api/v1/providers?active=true", null, admin).json()) {
                assertThat(call(port, "DELETE", "/api/v1/providers/" + p.path("id").asText(), null, admin)
                        .status()).isEqualTo(204);
            }
            ObjectNode providerBody = JSON.createObjectNode().put("name", "Crash-tested Legal Aid " + run)
                    .put("fundingType", "LSC").put("nonLscFunds", true).put("servesYouth", false)
                    .put("detentionCapable", false).put("capacity", 20)
                    .put("webhookUrl", receiver.url()).put("webhookSecret", secret);
            providerBody.putArray("regions").add("US-TX");
            providerBody.putArray("languages").add("es");
            Reply created = call(port, "POST", "/api/v1/providers", providerBody, admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String providerId = created.json().path("id").asText();

            String inFlight = openCase(port, providerId);
            String notStarted = openCase(port, providerId);
            String inFlightReferral = read(port, inFlight).path("referrals").get(0).path("id").asText();
            String notStartedReferral = read(port, notStarted).path("referrals").get(0).path("id").asText();
            String inFlightId = "msg_" + inFlightReferral;
            String notStartedId = "msg_" + notStartedReferral;

            // The first case's delivery reaches the receiver, which holds it unanswered.
            confirm(port, inFlight);
            receiver.awaitArrivals(inFlightId, 1, Duration.ofSeconds(60));
            // The second case's review is confirmed, and the service dies at once: its "send referral" job was
            // committed, its delivery (almost surely) not yet begun.
            confirm(port, notStarted);
            service.kill();
            long killedAt = System.nanoTime();
            boolean secondBegunBeforeTheKill = !receiver.deliveries(notStartedId).isEmpty();
            System.out.println("delivery crash: second delivery begun before the kill: " + secondBegunBeforeTheKill);

            // The receiver acts on the held delivery and answers a connection whose sender is gone.
            provider.release.countDown();
            receiver.awaitAnswers(inFlightId, 1, Duration.ofSeconds(10));
            assertThat(provider.actions(inFlightReferral)).isEqualTo(1);
            assertThat(receiver.deliveries(inFlightId)).hasSize(1);

            service.start();
            long readyAt = System.nanoTime();
            JsonNode first = awaitSent(port, inFlight);
            JsonNode second = awaitSent(port, notStarted);

            assertThat(receiver.badSignatures()).as("every delivery verifies").isZero();
            assertThat(receiver.deliveries(inFlightId)).as("the cut delivery came again")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(receiver.deliveries(notStartedId)).as("the second delivery arrived").isNotEmpty();
            // The receiver acts once per webhook-id; it acted once per referral, so every attempt of a referral
            // carried one webhook-id.
            assertThat(provider.idsOf(inFlightReferral)).containsExactly(inFlightId);
            assertThat(provider.idsOf(notStartedReferral)).containsExactly(notStartedId);
            assertThat(provider.actions(inFlightReferral)).isEqualTo(1);
            assertThat(provider.actions(notStartedReferral)).isEqualTo(1);
            assertThat(first.path("referrals")).hasSize(1);
            assertThat(second.path("referrals")).hasSize(1);
            assertThat(first.path("referrals").get(0).path("status").asText()).isEqualTo("SENT");
            assertThat(second.path("referrals").get(0).path("status").asText()).isEqualTo("SENT");
            // The service recorded each webhook once, so nothing sends it a third time.
            JdbcTemplate db = database();
            for (String referral : List.of(inFlightReferral, notStartedReferral)) {
                assertThat(db.queryForList("select message_id from referral_channel_delivery"
                        + " where referral_id = cast(? as uuid) and channel = 'webhook'", String.class, referral))
                        .containsExactly("msg_" + referral);
            }

            long redelivered = receiver.deliveries(inFlightId).get(1).arrivedAt();
            System.out.println("delivery crash: cut delivery attempts " + receiver.deliveries(inFlightId).size()
                    + ", acted on " + provider.actions(inFlightReferral) + "; second delivery attempts "
                    + receiver.deliveries(notStartedId).size() + ", acted on " + provider.actions(notStartedReferral)
                    + "; restart took " + Duration.ofNanos(readyAt - killedAt).toMillis() + " ms; cut delivery"
                    + " came again " + Duration.ofNanos(redelivered - killedAt).toMillis() + " ms after the kill ("
                    + Duration.ofNanos(redelivered - readyAt).toMillis() + " ms after ready); second arrived "
                    + Duration.ofNanos(receiver.deliveries(notStartedId).get(0).arrivedAt() - killedAt).toMillis()
                    + " ms after the kill");
        } finally {
            provider.release.countDown();
            receiver.close();
        }
    }

    private String openCase(int port, String providerId) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        try (InputStream in = DeliveryCrashIT.class.getResourceAsStream(
                "/scenarios/public/06-marta-unknown-facts.json")) {
            body.set("facts", JSON.readTree(in).path("facts"));
        }
        body.putArray("clientLanguages").add("es");
        Reply opened = call(port, "POST", "/api/v1/cases", body, caseworker);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("id").asText();
        assertThat(read(port, caseId).path("referrals").get(0).path("providerId").asText()).isEqualTo(providerId);
        return caseId;
    }

    private void confirm(int port, String caseId) throws Exception {
        JsonNode tasks = call(port, "GET", "/api/v1/tasks?caseId=" + caseId + "&kind=REVIEW_REFERRAL", null,
                caseworker).json();
        assertThat(tasks.size()).as("review of case " + caseId).isEqualTo(1);
        Reply confirmed = call(port, "POST", "/api/v1/tasks/" + tasks.get(0).path("id").asText() + "/complete",
                JSON.createObjectNode().put("decision", "CONFIRM"), caseworker);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    }

    private JsonNode awaitSent(int port, String caseId) {
        return awaitCase(port, caseId, c -> c.path("referrals").size() >= 1
                && c.path("referrals").get(0).path("status").asText().equals("SENT"));
    }

    private JsonNode awaitCase(int port, String caseId, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(REDELIVERED_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = read(port, caseId);
            return done.test(last[0]);
        });
        return last[0];
    }

    private JsonNode read(int port, String caseId) throws Exception {
        Reply r = call(port, "GET", "/api/v1/cases/" + caseId, null, caseworker);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JdbcTemplate database() {
        String[] pg = TestDatabase.postgresAddress();
        return new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/" + pg[2],
                System.getenv().getOrDefault("REFUGIO_TEST_DB_USER", "postgres"),
                System.getenv().getOrDefault("REFUGIO_TEST_DB_PASSWORD", "")));
    }

    private Reply call(int port, String method, String path, JsonNode body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /**
     * A provider's handling of its webhook as the Standard Webhooks guidance has it (the receiver has verified the
     * signature): acts once per webhook-id (a repeat is acknowledged, not acted on), and acts before it answers, so a
     * sender that dies before reading the answer sends again. It holds the first attempt of every webhook-id
     * unanswered until released.
     */
    static final class Provider implements WebhookReceiver.Answer {
        final CountDownLatch release = new CountDownLatch(1);
        final Set<String> actedOnIds = ConcurrentHashMap.newKeySet();
        /** The business action (taking up a referral), counted per referral id of the body. */
        final Map<String, Integer> actions = new ConcurrentHashMap<>();
        final Map<String, Set<String>> idsPerReferral = new ConcurrentHashMap<>();

        @Override
        public int status(Delivery delivery) throws Exception {
            if (delivery.attempt() == 1) {
                release.await(5, TimeUnit.MINUTES);
            }
            String id = delivery.webhookId();
            String referral = JSON.readTree(delivery.body()).path("data").path("referralId").asText();
            idsPerReferral.computeIfAbsent(referral, k -> ConcurrentHashMap.newKeySet()).add(id);
            if (actedOnIds.add(id)) {
                actions.merge(referral, 1, Integer::sum);
            }
            return 204;
        }

        int actions(String referral) {
            return actions.getOrDefault(referral, 0);
        }

        Set<String> idsOf(String referral) {
            return idsPerReferral.getOrDefault(referral, Set.of());
        }
    }
}
