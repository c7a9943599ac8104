package org.refugio.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.refugio.cases.events.CaseEvent;
import org.refugio.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * A test of cases over real HTTP: builds a provider directory of its own for each test (every other provider is
 * made inactive), opens cases from the scenario files, drives tasks and provider answers, and records the case
 * events the application publishes.
 */
public abstract class CaseTest extends ApiTest {

    protected static final String CASEWORKER = "maria.caseworker";
    protected static final String SUPERVISOR = "sam.supervisor";
    protected static final String AS_CASEWORKER = TestTokens.bearer(CASEWORKER, Role.CASEWORKER);
    protected static final String AS_SUPERVISOR = TestTokens.bearer(SUPERVISOR, Role.SUPERVISOR);

    @Autowired
    private AbstractApplicationContext context;

    protected final List<CaseEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ApplicationListener<PayloadApplicationEvent<?>> recorder = e -> {
        if (e.getPayload() instanceof CaseEvent event) {
            events.add(event);
        }
    };
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void recordEvents() {
        context.addApplicationListener(recorder);
        for (JsonNode p : get("/api/v1/providers?active=true").json()) {
            assertThat(delete("/api/v1/providers/" + p.path("id").asText()).status()).isEqualTo(204);
        }
    }

    @AfterEach
    void stopRecording() {
        context.removeApplicationListener(recorder);
    }

    /** Adds a provider to this test's directory; answers its id. */
    protected String provider(String name, String fundingType, boolean nonLscFunds, List<String> regions,
                              List<String> languages, boolean youth, boolean detention, int capacity) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name + " " + run)
                .put("fundingType", fundingType)
                .put("nonLscFunds", nonLscFunds)
                .put("servesYouth", youth)
                .put("detentionCapable", detention)
                .put("capacity", capacity);
        regions.forEach(body.putArray("regions")::add);
        languages.forEach(body.putArray("languages")::add);
        Response response = post("/api/v1/providers", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    /** The facts of a scenario file under src/test/resources/scenarios/. */
    protected static ObjectNode scenarioFacts(String file) {
        try (InputStream in = CaseTest.class.getResourceAsStream("/scenarios/" + file)) {
            return (ObjectNode) JSON.readTree(in).path("facts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Response openCase(JsonNode facts, String... languages) {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", facts);
        ArrayNode spoken = body.putArray("clientLanguages");
        for (String language : languages) {
            spoken.add(language);
        }
        return post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);
    }

    protected JsonNode openedCase(JsonNode facts, String... languages) {
        Response response = openCase(facts, languages);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    protected JsonNode readCase(String caseId) {
        Response response = get("/api/v1/cases/" + caseId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode task(String caseId, String kind) {
        JsonNode tasks = get("/api/v1/tasks?caseId=" + caseId + "&kind=" + kind).json();
        assertThat(tasks.size()).as(kind + " tasks of case " + caseId).isEqualTo(1);
        return tasks.get(0);
    }

    protected boolean hasTask(String caseId, String kind) {
        return get("/api/v1/tasks?caseId=" + caseId + "&kind=" + kind).json().size() > 0;
    }

    /** Completes a task as the caseworker. */
    protected Response complete(String taskId, ObjectNode body) {
        return complete(taskId, body, AS_CASEWORKER);
    }

    protected Response complete(String taskId, ObjectNode body, String authorization) {
        return post("/api/v1/tasks/" + taskId + "/complete", body, "Authorization", authorization);
    }

    protected ObjectNode decision(String decision) {
        return JSON.createObjectNode().put("decision", decision);
    }

    protected JsonNode confirmReview(String caseId) {
        Response response = complete(task(caseId, "REVIEW_REFERRAL").path("id").asText(),
                decision("CONFIRM"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Waits for the asynchronous "send referral" step: the referral of this attempt is SENT. */
    protected JsonNode awaitSent(String caseId, int attempt) {
        return awaitCase(caseId, c -> c.path("referrals").size() >= attempt
                && c.path("referrals").get(attempt - 1).path("status").asText().equals("SENT"));
    }

    protected JsonNode awaitCase(String caseId, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = readCase(caseId);
            return condition.test(last[0]);
        });
        return last[0];
    }

    protected Response answer(String caseId, String referralId, String decision, String reasonCode) {
        ObjectNode body = JSON.createObjectNode().put("decision", decision).put("respondedBy", "intake.provider");
        if (reasonCode != null) {
            body.put("reasonCode", reasonCode).put("reason", "No attorney free this month");
        }
        return post("/api/v1/cases/" + caseId + "/referrals/" + referralId + "/response", body, "Authorization",
                AS_CASEWORKER);
    }

    protected static JsonNode referral(JsonNode legalAidCase, int attempt) {
        return legalAidCase.path("referrals").get(attempt - 1);
    }

    protected static List<String> steps(JsonNode legalAidCase) {
        List<String> steps = new ArrayList<>();
        legalAidCase.path("currentSteps").forEach(s -> steps.add(s.asText()));
        return steps;
    }

    protected List<String> actions(String caseId) {
        List<String> actions = new ArrayList<>();
        synchronized (events) {
            events.stream().filter(e -> e.caseId().toString().equals(caseId))
                    .forEach(e -> actions.add(e.action() + ":" + e.outcome()));
        }
        return actions;
    }
}
