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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ServiceProcess;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;

/**
 * Two nodes of the packaged service on one PostgreSQL database, as README "Running more than one node" deploys
 * them: cases opened on both, each review confirmed on the other node, idempotency keys honoured across nodes,
 * a provider answering on either node, an impact analysis run on one and read on the other; then kill -9 of one node while response deadlines run, and the survivor
 * takes up every timer and asynchronous step. Nothing is duplicated, and the audit chain verifies.
 */
class TwoNodesIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CASES = 6;
    /** Short enough to wait out in a test; both nodes run the same settings, as a cluster must. */
    static final String RESPONSE_DEADLINE = "PT40S";
    /** Lock time (30 s) + the longest idle wait (15 s) of application.yaml, plus a loaded machine's slack. */
    static final Duration TAKEN_UP_WITHIN = Duration.ofSeconds(90);

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String admin = TestTokens.bearer("two-nodes-admin", Role.ADMIN);
    final String caseworker = TestTokens.bearer("two-nodes-caseworker-" + run, Role.CASEWORKER);
    final String auditor = TestTokens.bearer("two-nodes-auditor", Role.AUDITOR);

    @Test
    void twoNodesServeOneCaseloadAndTheSurvivorTakesOverWhatTheDeadNodeHeld() throws Exception {
        assumeTrue(TestDatabase.postgresAddress() != null, "needs PostgreSQL");
        java.time.Instant started = java.time.Instant.now();
        String[] settings = {"--refugio.referral.response=" + RESPONSE_DEADLINE,
                "--refugio.referral.urgent-response=" + RESPONSE_DEADLINE};
        try (ServiceProcess a = new ServiceProcess(Path.of("target", "two-nodes-a.log"), settings);
             ServiceProcess b = new ServiceProcess(Path.of("target", "two-nodes-b.log"), settings)) {
            // One after the other, as bench/two-nodes.sh does: two engines creating their tables at once collide.
            a.start();
            b.start();
            List<Integer> nodes = List.of(a.port(), b.port());

            for (JsonNode p : call(a.port(), "GET", "/api/v1/providers?active=true", null, admin, null).json()) {
                assertThat(call(b.port(), "DELETE", "/api/v1/providers/" + p.path("id").asText(), null, admin, null)
                        .status()).isEqualTo(204);
            }
            provider(a.port(), "Two-node LSC recipient A");
            provider(b.port(), "Two-node LSC recipient B");

            List<String> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                int here = nodes.get(i % 2);
                int there = nodes.get((i + 1) % 2);
                String key = UUID.randomUUID().toString();
                Reply opened = call(here, "POST", "/api/v1/cases", caseBody(), caseworker, key);
                assertThat(opened.status()).as(opened.body()).isEqualTo(201);
                Reply retried = call(there, "POST", "/api/v1/cases", caseBody(), caseworker, key);
                assertThat(retried.status()).as(retried.body()).isEqualTo(201);
                assertThat(retried.json().path("id")).as("one case per idempotency key, whichever node answers")
                        .isEqualTo(opened.json().path("id"));
                cases.add(opened.json().path("id").asText());
            }

            for (int i = 0; i < CASES; i++) {
                int other = nodes.get((i + 1) % 2);
                String caseId = cases.get(i);
                JsonNode review = awaitTask(other, caseId, "REVIEW_REFERRAL");
                Reply confirmed = call(other, "POST", "/api/v1/tasks/" + review.path("id").asText() + "/complete",
                        JSON.createObjectNode().put("decision", "CONFIRM"), caseworker, null);
                assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            }
            for (int i = 0; i < CASES; i++) {
                JsonNode sent = awaitCase(nodes.get(i % 2), cases.get(i), Duration.ofSeconds(60),
                        c -> c.path("referrals").size() == 1
                                && c.path("referrals").get(0).path("status").asText().equals("SENT"));
                assertThat(sent.path("referrals")).as("one referral sent per review").hasSize(1);
            }

            // The provider answers two cases, one on each node.
            for (int i = 0; i < 2; i++) {
                String caseId = cases.get(i);
                String referralId = read(nodes.get(i), caseId).path("referrals").get(0).path("id").asText();
                Reply accepted = call(nodes.get((i + 1) % 2), "POST",
                        "/api/v1/cases/" + caseId + "/referrals/" + referralId + "/response",
                        JSON.createObjectNode().put("decision", "ACCEPTED").put("respondedBy", "intake"),
                        caseworker, null);
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
                assertThat(accepted.json().path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
            }

            // An impact analysis of an edited rule runs on node a; node b reads its progress and result.
            ObjectNode analysis = JSON.createObjectNode().put("from", started.toString())
                    .put("to", java.time.Instant.now().plusSeconds(1).toString());
            analysis.putObject("candidate").putObject("files").put(
                    org.refugio.audit.analysis.ChangedRules.FILE,
                    org.refugio.audit.analysis.ChangedRules.changedMexicoDrl());
            Reply queued = call(a.port(), "POST", "/api/v1/audit/impact-analyses", analysis, auditor, null);
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            String analysisId = queued.json().path("id").asText();
            JsonNode[] seenOnB = new JsonNode[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                seenOnB[0] = call(b.port(), "GET", "/api/v1/audit/impact-analyses/" + analysisId, null, auditor, null)
                        .json();
                return !seenOnB[0].path("state").asText().matches("QUEUED|RUNNING");
            });
            assertThat(seenOnB[0].path("state").asText()).as(seenOnB[0].toString()).isEqualTo("DONE");
            assertThat(seenOnB[0].path("result").path("decisionsCompared").asLong()).isGreaterThanOrEqualTo(CASES);

            // The others wait on their response deadlines, whose timers either node may hold. Node a dies.
            a.kill();
            long killedAt = System.nanoTime();
            for (String caseId : cases.subList(2, CASES)) {
                JsonNode moved = awaitCase(b.port(), caseId,
                        Duration.parse(RESPONSE_DEADLINE).plus(TAKEN_UP_WITHIN),
                        c -> c.path("referrals").size() >= 2
                                || steps(c).contains("RESOLVE_ESCALATION"));
                assertThat(moved.path("referrals").get(0).path("status").asText()).isEqualTo("NO_RESPONSE");
                Set<String> attempts = new HashSet<>();
                moved.path("referrals").forEach(r -> assertThat(attempts.add(r.path("providerId").asText()
                        + "#" + r.path("attempt").asText())).as("no referral sent twice").isTrue());
            }
            System.out.println("two nodes: every deadline of the dead node's cluster taken up within "
                    + Duration.ofNanos(System.nanoTime() - killedAt).toSeconds() + " s of the kill (deadline "
                    + RESPONSE_DEADLINE + ")");
            for (String caseId : cases.subList(0, 2)) {
                assertThat(read(b.port(), caseId).path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
            }

            JsonNode chain = call(b.port(), "GET", "/api/v1/audit/verify", null, auditor, null).json();
            assertThat(chain.path("verified").asBoolean()).as(chain.toString()).isTrue();
        }
    }

    private void provider(int port, String name) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name + " " + run).put("fundingType", "LSC")
                .put("nonLscFunds", true).put("servesYouth", true).put("detentionCapable", true).put("capacity", 100);
        body.putArray("regions").add("US-TX");
        body.putArray("languages").add("en").add("es");
        Reply created = call(port, "POST", "/api/v1/providers", body, admin, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static ObjectNode caseBody() throws IOException {
        try (InputStream in = TwoNodesIT.class.getResourceAsStream(
                "/scenarios/public/01-juan-debt-bondage-farm-labor.json")) {
            ObjectNode body = JSON.createObjectNode();
            body.set("facts", JSON.readTree(in).path("facts"));
            body.putArray("clientLanguages").add("es");
            return body;
        }
    }

    private JsonNode awaitTask(int port, String caseId, String kind) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode tasks = call(port, "GET", "/api/v1/tasks?caseId=" + caseId + "&kind=" + kind, null,
                    caseworker, null).json();
            found[0] = tasks.size() == 1 ? tasks.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private JsonNode awaitCase(int port, String caseId, Duration within, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = read(port, caseId);
            return done.test(last[0]);
        });
        return last[0];
    }

    private JsonNode read(int port, String caseId) throws Exception {
        Reply r = call(port, "GET", "/api/v1/cases/" + caseId, null, caseworker, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> steps(JsonNode legalAidCase) {
        List<String> steps = new ArrayList<>();
        legalAidCase.path("currentSteps").forEach(s -> steps.add(s.asText()));
        return steps;
    }

    private Reply call(int port, String method, String path, JsonNode body, String authorization, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
