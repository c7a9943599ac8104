package org.refugio.delivery.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;
import org.refugio.support.WebhookReceiver;
import org.refugio.support.WebhookReceiver.Delivery;

/**
 * Issue 12, item 3: an intake client's registered URL receives every status change of the cases it opened, against
 * a real HTTP receiver in the test that verifies each Standard Webhooks signature with the secret the admin was
 * shown, counts attempts per webhook-id and acts on each id once. Bodies carry ids and codes only.
 */
class CallbackDeliveryTest extends CaseTest {

    static final String NAME = "Xochiquetzal Anacaona Tlalli";
    static final String NARRATIVE = "My employer in the brickworks kept my papers and said I owed him eleven thousand";
    static final String ADMIN = TestTokens.bearer("cb-admin", Role.ADMIN);
    static final String BASE = "/api/v1/admin/callback-subscriptions";

    /** The intake system's callback endpoint: checks signatures, fails while told to, acts once per webhook-id. */
    WebhookReceiver receiver;
    /** Correctly signed deliveries received, per webhook-id; the receiver acts on the first of each only. */
    final Map<String, Integer> validReceipts = new ConcurrentHashMap<>();
    final List<String> acted = Collections.synchronizedList(new ArrayList<>());

    int actOnTheFirstOfEachId(Delivery delivery) {
        if (validReceipts.merge(delivery.webhookId(), 1, Integer::sum) == 1) {
            acted.add(delivery.body());
        }
        return 204;
    }

    List<JsonNode> actedBodies() {
        synchronized (acted) {
            return acted.stream().map(b -> {
                try {
                    return JSON.readTree(b);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    String client;
    String asClient;
    String subscriptionId;
    /** As the admin was shown it when the subscription was made. */
    String subscriptionSecret;
    String providerId;

    @BeforeEach
    void anIntakeClientWithACallbackUrl() throws Exception {
        receiver = WebhookReceiver.start("/intake/callbacks").answering(this::actOnTheFirstOfEachId);
        client = "intake-system-" + UUID.randomUUID().toString().substring(0, 8);
        asClient = TestTokens.bearer(client, Role.INTAKE);
        Response created = post(BASE, JSON.createObjectNode().put("clientId", client).put("url", receiver.url()),
                "Authorization", ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(BASE + "/" + created.json().path("id").asText());
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.verifyingWith(secret);
        subscriptionSecret = secret;
        subscriptionId = created.json().path("id").asText();
        // Shown once: never in a later read, never stored in the clear.
        Response read = get(BASE + "/" + subscriptionId, "Authorization", ADMIN);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret.substring(6));
        assertThat(jdbc.queryForObject("select count(*) from callback_subscription where id = cast(? as uuid)"
                + " and secret_key_id is not null", Integer.class, subscriptionId)).isEqualTo(1);

        providerId = provider("Callback Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 20);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        delete(BASE + "/" + subscriptionId, "Authorization", ADMIN);
    }

    String openCaseAsTheClient() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        body.putObject("identity").put("name", NAME).put("phone", "+1 915 555 0142").put("narrative", NARRATIVE);
        body.putArray("clientLanguages").add("es");
        Response opened = post("/api/v1/cases", body, "Authorization", asClient);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    List<JsonNode> awaitActedOn(Predicate<List<JsonNode>> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> condition.test(actedBodies()));
        return actedBodies();
    }

    static boolean has(List<JsonNode> bodies, String type) {
        return bodies.stream().anyMatch(b -> b.path("type").asText().equals(type));
    }

    static JsonNode of(List<JsonNode> bodies, String type) {
        return bodies.stream().filter(b -> b.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void theClientsCaseSendsRoutedSentAcceptedAndClosedSignedAndWithoutPersonalData() {
        String caseId = openCaseAsTheClient();
        String referralId = referral(readCase(caseId), 1).path("id").asText();
        confirmReview(caseId);
        awaitSent(caseId, 1);
        Response accepted = answer(caseId, referralId, "ACCEPTED", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        List<JsonNode> bodies = awaitActedOn(b -> has(b, "case.routed") && has(b, "case.sent")
                && has(b, "case.accepted") && has(b, "case.closed"));

        assertThat(receiver.badSignatures()).isZero();
        assertThat(bodies).extracting(b -> b.path("type").asText())
                .containsExactlyInAnyOrder("case.routed", "case.sent", "case.accepted", "case.closed");
        // One delivery per change, each acted on once, each with its own webhook-id.
        assertThat(validReceipts).hasSize(4).allSatisfy((id, times) -> {
            assertThat(id).startsWith("msg_");
            assertThat(times).isEqualTo(1);
        });
        for (JsonNode body : bodies) {
            assertThat(body.path("data").path("caseId").asText()).isEqualTo(caseId);
            assertThat(body.path("data").path("referralId").asText()).isEqualTo(referralId);
            assertThat(body.path("data").path("occurredAt").asText()).isNotBlank();
            assertThat(body.path("timestamp").asText()).isEqualTo(body.path("data").path("occurredAt").asText());
        }
        assertThat(of(bodies, "case.routed").path("data").path("status").asText()).isEqualTo("PROPOSED");
        assertThat(of(bodies, "case.routed").path("data").path("providerId").asText()).isEqualTo(providerId);
        assertThat(of(bodies, "case.sent").path("data").path("status").asText()).isEqualTo("SENT");
        assertThat(of(bodies, "case.accepted").path("data").path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(of(bodies, "case.closed").path("data").path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
        // Ids and codes only: nothing of the person's identity, narrative or facts.
        for (Delivery attempt : receiver.deliveries()) {
            assertThat(attempt.body()).doesNotContain("Xochiquetzal").doesNotContain("brickworks")
                    .doesNotContain("555 0142").doesNotContain("5550142").doesNotContain("El Paso").doesNotContain("WITHOUT_INSPECTION")
                    .doesNotContain("immigration").doesNotContain("NONCITIZEN");
        }
        for (JsonNode body : bodies) {
            assertThat(fieldNames(body)).containsOnly("type", "timestamp", "data");
            assertThat(fieldNames(body.path("data"))).isSubsetOf("caseId", "referralId", "providerId", "status",
                    "occurredAt");
        }

        // The admin's log says the same: four deliveries, all delivered at the first attempt.
        JsonNode log = get(BASE + "/" + subscriptionId + "/deliveries", "Authorization", ADMIN).json();
        assertThat(log.path("items")).hasSize(4).allSatisfy(d -> {
            assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.path("attempts").asInt()).isEqualTo(1);
            assertThat(d.path("lastResponseStatus").asInt()).isEqualTo(204);
            assertThat(d.path("caseId").asText()).isEqualTo(caseId);
        });
        assertThat(log.has("nextCursor") && !log.path("nextCursor").isNull()).isFalse();
    }

    @Test
    void aCaseOfAnotherClientSendsNothing() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        body.putArray("clientLanguages").add("es");
        Response opened = post("/api/v1/cases", body, "Authorization",
                TestTokens.bearer("another-intake-" + UUID.randomUUID(), Role.INTAKE));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String ours = openCaseAsTheClient();

        List<JsonNode> bodies = awaitActedOn(b -> has(b, "case.routed"));
        assertThat(bodies).extracting(b -> b.path("data").path("caseId").asText()).containsOnly(ours);
        assertThat(get(BASE + "/" + subscriptionId + "/deliveries", "Authorization", ADMIN).json().path("items"))
                .hasSize(1);
    }

    @Test
    void aReceiverThatFailsForAWhileGetsRetriesWithOneWebhookIdAndTheLogShowsThem() {
        receiver.failNext(2);
        String caseId = openCaseAsTheClient();

        List<JsonNode> bodies = awaitActedOn(b -> has(b, "case.routed"));
        assertThat(of(bodies, "case.routed").path("data").path("caseId").asText()).isEqualTo(caseId);
        List<Delivery> attempts = receiver.deliveries();
        assertThat(attempts).hasSize(3);
        String webhookId = attempts.get(0).webhookId();
        assertThat(attempts).extracting(Delivery::webhookId).containsOnly(webhookId);
        assertThat(attempts).extracting(Delivery::body).containsOnly(attempts.get(0).body());
        assertThat(validReceipts).containsExactly(Map.entry(webhookId, 1));

        JsonNode entry = awaitLog(items -> items.size() == 1
                && items.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(entry.path("webhookId").asText()).isEqualTo(webhookId);
        assertThat(entry.path("eventType").asText()).isEqualTo("case.routed");
        assertThat(entry.path("attempts").asInt()).isEqualTo(3);
        assertThat(entry.path("lastResponseStatus").asInt()).isEqualTo(204);
    }

    @Test
    void aReceiverThatNeverAcceptsEndsFailedInTheLogAndAReplayDeliversItWithTheSameWebhookId() {
        receiver.failNext(1_000);
        openCaseAsTheClient();
        // One attempt and three retries (the tests' refugio.callbacks.retry-backoff), then FAILED.
        JsonNode failed = awaitLog(items -> items.size() == 1
                && items.get(0).path("status").asText().equals("FAILED")).get(0);
        assertThat(failed.path("attempts").asInt()).isEqualTo(4);
        assertThat(failed.path("lastResponseStatus").asInt()).isEqualTo(503);
        assertThat(failed.path("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(receiver.deliveries()).hasSize(4);
        assertThat(validReceipts).isEmpty();

        receiver.failNext(0);
        Response replayed = post(BASE + "/" + subscriptionId + "/deliveries/" + failed.path("id").asText()
                + "/replay", "", "Authorization", ADMIN);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("replays").asInt()).isEqualTo(1);

        awaitActedOn(b -> has(b, "case.routed"));
        assertThat(validReceipts).containsExactly(Map.entry(failed.path("webhookId").asText(), 1));
        assertThat(receiver.deliveries()).extracting(Delivery::webhookId)
                .containsOnly(failed.path("webhookId").asText());
        JsonNode delivered = awaitLog(items -> items.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(delivered.path("attempts").asInt()).isEqualTo(5);
    }

    @Test
    void theLogIsPagedByCursorAndAReplayOfADeliveredCallbackResendsTheSameWebhookId() throws Exception {
        String caseId = openCaseAsTheClient();
        confirmReview(caseId);
        awaitSent(caseId, 1);
        awaitActedOn(b -> has(b, "case.routed") && has(b, "case.sent"));

        Response first = get(BASE + "/" + subscriptionId + "/deliveries?size=1", "Authorization", ADMIN);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("items")).hasSize(1);
        String cursor = first.json().path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        Response second = get(BASE + "/" + subscriptionId + "/deliveries?size=1&cursor=" + cursor,
                "Authorization", ADMIN);
        assertThat(second.json().path("items")).hasSize(1);
        // Newest first: the sent change, then the routed one.
        assertThat(first.json().path("items").get(0).path("eventType").asText()).isEqualTo("case.sent");
        JsonNode routed = second.json().path("items").get(0);
        assertThat(routed.path("eventType").asText()).isEqualTo("case.routed");
        assertThat(get(BASE + "/" + subscriptionId + "/deliveries?status=FAILED", "Authorization", ADMIN).json()
                .path("items")).isEmpty();
        Response bad = get(BASE + "/" + subscriptionId + "/deliveries?cursor=not-ours", "Authorization", ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("/cursor");

        String webhookId = routed.path("webhookId").asText();
        assertThat(receiver.deliveries(webhookId)).hasSize(1);
        Response replayed = post(BASE + "/" + subscriptionId + "/deliveries/" + routed.path("id").asText()
                + "/replay", "", "Authorization", ADMIN);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        receiver.awaitAnswers(webhookId, 2, Duration.ofSeconds(20));
        assertThat(receiver.deliveries(webhookId)).hasSize(2);
        // The same id and body again, correctly signed: the receiver, which remembers the id, does not act twice.
        assertThat(validReceipts.get(webhookId)).isEqualTo(2);
        List<String> bodies = receiver.deliveries(webhookId).stream().map(Delivery::body).distinct().toList();
        assertThat(bodies).hasSize(1);
        assertThat(actedBodies()).filteredOn(b -> b.path("type").asText().equals("case.routed")).hasSize(1);

        Response unknown = post(BASE + "/" + subscriptionId + "/deliveries/" + UUID.randomUUID() + "/replay", "",
                "Authorization", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aDeliveryWhoseWorkerDiedMidAttemptGoesAgainOnceItsLeaseRunsOutWithTheSameWebhookId() throws Exception {
        openCaseAsTheClient();
        awaitActedOn(b -> has(b, "case.routed"));
        String webhookId = receiver.deliveries().get(0).webhookId();

        // As a node killed while sending leaves it: taken (leased) and never recorded. While the lease holds, no
        // other worker takes it; once it runs out, the next poll sends it again.
        jdbc.update("update callback_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?,"
                        + " lease_token = ?, lease_until = ? where webhook_id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(60)), UUID.randomUUID(),
                java.sql.Timestamp.from(Instant.now().plusSeconds(2)), webhookId);
        receiver.awaitAnswers(webhookId, 2, Duration.ofSeconds(20));
        assertThat(receiver.deliveries(webhookId)).hasSize(2);
        JsonNode entry = awaitLog(items -> items.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(entry.path("webhookId").asText()).isEqualTo(webhookId);
        assertThat(entry.path("attempts").asInt()).isEqualTo(1);
        assertThat(actedBodies()).hasSize(1);
    }

    @Test
    void aRotatedSecretSignsAndTheReplacedOneSignsAlongsideForAWhile() {
        String old = subscriptionSecret;
        Response rotated = post(BASE + "/" + subscriptionId + "/secret", "", "Authorization", ADMIN);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().path("previousSecretValidUntil").asText()).isNotBlank();

        openCaseAsTheClient();
        awaitActedOn(b -> has(b, "case.routed"));
        Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.signature().split(" ")).hasSize(2);
        assertThat(WebhookReceiver.signedWith(old, delivery)).isTrue();
        assertThat(WebhookReceiver.signedWith(fresh, delivery)).isTrue();
        assertThat(WebhookReceiver.signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), delivery))
                .isFalse();
    }

    @Test
    void aDeletedSubscriptionReceivesNothingAndOneClientHasOneSubscriptionInForce() {
        Response second = post(BASE, JSON.createObjectNode().put("clientId", client).put("url", receiver.url()),
                "Authorization", ADMIN);
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");

        assertThat(delete(BASE + "/" + subscriptionId, "Authorization", ADMIN).status()).isEqualTo(204);
        assertThat(get(BASE + "?clientId=" + client, "Authorization", ADMIN).json().path("items")).isEmpty();
        JsonNode all = get(BASE + "?clientId=" + client + "&includeDeleted=true", "Authorization", ADMIN).json();
        assertThat(all.path("items")).hasSize(1);
        assertThat(all.path("items").get(0).path("deletedBy").asText()).isEqualTo("cb-admin");

        String caseId = openCaseAsTheClient();
        assertThat(readCase(caseId).path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(jdbc.queryForObject("select count(*) from callback_delivery where case_id = cast(? as uuid)",
                Integer.class, caseId)).isZero();
    }

    @Test
    void onlyAnAdminManagesSubscriptions() {
        ObjectNode input = JSON.createObjectNode().put("clientId", "someone").put("url", "https://intake.example.org/cb");
        for (String caller : List.of(asClient, AS_CASEWORKER, AS_SUPERVISOR,
                TestTokens.bearer("an-auditor", Role.AUDITOR))) {
            for (Response response : List.of(post(BASE, input, "Authorization", caller),
                    get(BASE, "Authorization", caller),
                    get(BASE + "/" + subscriptionId, "Authorization", caller),
                    get(BASE + "/" + subscriptionId + "/deliveries", "Authorization", caller),
                    post(BASE + "/" + subscriptionId + "/secret", "", "Authorization", caller),
                    delete(BASE + "/" + subscriptionId, "Authorization", caller))) {
                assertThat(response.status()).as(response.body()).isEqualTo(403);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        assertThat(get(BASE, "Authorization", "").status()).isEqualTo(401);
        assertThat(get(BASE + "/" + subscriptionId, "Authorization", ADMIN).json().has("deletedAt")).isFalse();
    }

    @Test
    void aBadUrlIsAProblemNamingTheField() {
        for (String url : List.of("ftp://intake.example.org/cb", "http://intake.example.org/cb",
                "https://user:pass@intake.example.org/cb", "not a url")) {
            Response refused = post(BASE, JSON.createObjectNode().put("clientId", "bad-url-client").put("url", url),
                    "Authorization", ADMIN);
            assertThat(refused.status()).as(url + ": " + refused.body()).isIn(400, 422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("errors").findValuesAsText("pointer")).as(refused.body())
                    .containsExactly("/url");
        }
        Response missing = post(BASE, JSON.createObjectNode().put("url", "https://intake.example.org/cb"),
                "Authorization", ADMIN);
        assertThat(missing.status()).isIn(400, 422);
        assertThat(missing.json().path("errors").findValuesAsText("pointer")).containsExactly("/clientId");
    }

    List<JsonNode> awaitLog(Predicate<List<JsonNode>> condition) {
        @SuppressWarnings("unchecked")
        List<JsonNode>[] last = new List[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<JsonNode> items = new ArrayList<>();
            get(BASE + "/" + subscriptionId + "/deliveries", "Authorization", ADMIN).json().path("items")
                    .forEach(items::add);
            last[0] = items;
            return condition.test(items);
        });
        return last[0];
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
