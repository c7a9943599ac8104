package org.refugio.delivery.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.refugio.support.WebhookReceiver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12's "done when" for intake systems, on the embedded default (H2, the demo users): the admin registers the
 * demo intake client's URL; a case the intake client opens, the caseworker confirms and the demo provider accepts in
 * its portal reaches a local receiver as routed, sent, accepted and closed, each correctly signed.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:callbacks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "refugio.security.demo-users.enabled=true",
        "refugio.callbacks.poll-every=PT0.2S"})
class CallbacksOnTheEmbeddedDefaultTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FACTS = """
            {"clientLanguages": ["es"], "identity": {"name": "Itzpapalotl Citlali"},
             "facts": {"asOfDate": "2026-11-26",
               "person": {"ageEstimate": 45, "citizenship": "NONCITIZEN", "nationality": "MX",
                          "currentLocation": {"country": "US", "usState": "TX"}},
               "victimizations": [{"kind": "LABOR", "actions": ["OBTAIN"], "means": ["THREATS", "COERCIVE_SCHEME"],
                 "purposes": ["DEBT_BONDAGE"], "startDate": "2024-01-01", "endDate": "2025-10-31",
                 "places": [{"country": "US", "usState": "TX", "city": "El Paso"}],
                 "howEnded": "ESCAPED_BEFORE_LEA", "qualifyingCrimes": ["TRAFFICKING"]}],
               "departures": []}}""";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    JsonNode call(String user, String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    @Test
    void theDemoIntakeClientHearsItsCaseRoutedSentAcceptedAndClosed() throws Exception {
        receiver = WebhookReceiver.start("/cb");
        JsonNode subscription = call("admin", "POST", "/api/v1/admin/callback-subscriptions", JSON.createObjectNode()
                .put("clientId", "intake").put("url", receiver.url())
                .toString(), 201);
        String secret = subscription.path("secret").asText();

        String caseId = call("intake", "POST", "/api/v1/cases", FACTS, 201).path("id").asText();
        JsonNode task = call("caseworker", "GET", "/api/v1/tasks?caseId=" + caseId + "&kind=REVIEW_REFERRAL", null, 200);
        call("caseworker", "POST", "/api/v1/tasks/" + task.get(0).path("id").asText() + "/complete",
                "{\"decision\": \"CONFIRM\"}", 200);
        String[] referral = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode inbox = call("provider", "GET", "/api/v1/provider/referrals?status=SENT", null, 200);
            for (JsonNode r : inbox.path("items")) {
                if (r.path("caseId").asText().equals(caseId)) {
                    referral[0] = r.path("id").asText();
                }
            }
            return referral[0] != null;
        });
        call("provider", "POST", "/api/v1/provider/referrals/" + referral[0] + "/response",
                "{\"decision\": \"ACCEPTED\"}", 200);

        List<String> types = new ArrayList<>();
        for (WebhookReceiver.Delivery r : receiver.awaitAnswers(4, Duration.ofSeconds(30))) {
            assertThat(WebhookReceiver.signedWith(secret, r)).as(r.body()).isTrue();
            assertThat(r.body()).contains(caseId).doesNotContain("Itzpapalotl").doesNotContain("El Paso");
            types.add(JSON.readTree(r.body()).path("type").asText());
        }
        assertThat(types).containsExactlyInAnyOrder("case.routed", "case.sent", "case.accepted", "case.closed");
        JsonNode log = call("admin", "GET", "/api/v1/admin/callback-subscriptions/" + subscription.path("id").asText()
                + "/deliveries?size=2", null, 200);
        assertThat(log.path("items")).hasSize(2);
        JsonNode rest = call("admin", "GET", "/api/v1/admin/callback-subscriptions/" + subscription.path("id").asText()
                + "/deliveries?size=2&cursor=" + log.path("nextCursor").asText(), null, 200);
        assertThat(rest.path("items")).hasSize(2);
        assertThat(rest.has("nextCursor")).isFalse();
    }
}
