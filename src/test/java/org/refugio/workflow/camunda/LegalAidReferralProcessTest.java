package org.refugio.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.cases.events.CaseEvent;
import org.refugio.support.CaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Every path of processes/legal-aid-referral.bpmn, driven as people drive it (over HTTP) and checked both in the
 * case the API shows and in the engine's own record of the process.
 */
class LegalAidReferralProcessTest extends CaseTest {

    /** Marta (scenario 6): in El Paso, LSC category met, income unknown: LSC recipient first; facts missing. */
    private static final String MARTA = "public/06-marta-unknown-facts.json";
    /** Jorge (scenario 12): undocumented, no victimization: only a provider that takes no LSC money may serve him. */
    private static final String JORGE = "public/12-jorge-eviction-no-victimization.json";
    /** Nayeli (own scenario 104): a detained minor with a final removal order and a removal date: urgent. */
    private static final String NAYELI = "refugio/104-nayeli-official-screens-minor-detained.json";

    @Autowired
    private ProcessEngine engine;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;
    @Autowired
    private HistoryService history;
    @Autowired
    private AbstractApplicationContext context;

    private String borderLegalAid;
    private String fronteraDefenders;
    private String nationalProject;

    @BeforeEach
    void directory() {
        AbstractAssertions.init(engine);
        borderLegalAid = provider("Border Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true, true, 5);
        fronteraDefenders = provider("Frontera Defenders", "NON_LSC", false, List.of("US-TX"), List.of("en", "es"),
                true, true, 5);
        nationalProject = provider("National Project", "NON_LSC", false, List.of("US"), List.of("en"), true, true, 5);
    }

    @Test
    void aCaseIsReferredAtOnceAlongsideFactGatheringAndEndsAcceptedWhenTheProviderAccepts() {
        JsonNode opened = openedCase(scenarioFacts(MARTA), "es");
        String caseId = opened.path("id").asText();

        assertThat(opened.path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(steps(opened)).containsExactlyInAnyOrder("REVIEW_REFERRAL", "GATHER_MISSING_FACTS");
        assertThat(opened.path("routing").path("target").asText()).isEqualTo("LSC_RECIPIENT");
        assertThat(referral(opened, 1).path("providerId").asText()).isEqualTo(borderLegalAid);
        assertThat(referral(opened, 1).path("status").asText()).isEqualTo("PROPOSED");
        assertThat(opened.path("screening").path("legalAidReferral").path("referred").asBoolean()).isTrue();
        assertThat(process(caseId)).isWaitingAt("Task_ReviewReferral", "Task_GatherMissingFacts");

        confirmReview(caseId);
        JsonNode sent = awaitSent(caseId, 1);
        assertThat(steps(sent)).containsExactlyInAnyOrder("AWAIT_PROVIDER_RESPONSE", "GATHER_MISSING_FACTS");
        assertThat(process(caseId)).isWaitingAt("ReceiveTask_AwaitProviderResponse");

        ProcessInstance instance = process(caseId);
        Response accepted = answer(caseId, referral(sent, 1).path("id").asText(), "ACCEPTED", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode closed = accepted.json();
        assertThat(closed.path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
        assertThat(closed.path("closure").path("recordedBy").asText()).isEqualTo("intake.provider");
        assertThat(steps(closed)).isEmpty();
        assertThat(hasTask(caseId, "GATHER_MISSING_FACTS")).as("fact gathering ends with the case").isFalse();
        assertThat(instance).hasPassed("ServiceTask_CloseAsReferred", "EndEvent_ReferralAccepted").isEnded();
        assertThat(actions(caseId)).containsExactly("CASE_SCREENED:LSC_RECIPIENT", "REFERRAL_ROUTED:PROVIDER_PROPOSED",
                "REFERRAL_REVIEWED:CONFIRMED", "REFERRAL_SENT:SENT", "PROVIDER_RESPONDED:ACCEPTED",
                "CASE_CLOSED:REFERRAL_ACCEPTED");
    }

    @Test
    void aDeclineMovesTheCaseToTheNextSuitableProviderAndNeverBackToTheOneThatDeclined() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(caseId);
        JsonNode sent = awaitSent(caseId, 1);

        JsonNode afterDecline = answer(caseId, referral(sent, 1).path("id").asText(), "DECLINED", "NO_CAPACITY").json();

        assertThat(afterDecline.path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(referral(afterDecline, 1).path("status").asText()).isEqualTo("DECLINED");
        assertThat(referral(afterDecline, 1).path("responseReasonCode").asText()).isEqualTo("NO_CAPACITY");
        assertThat(referral(afterDecline, 2).path("providerId").asText())
                .as("the local provider without LSC money, the screening's alternative").isEqualTo(fronteraDefenders);
        assertThat(steps(afterDecline)).contains("REVIEW_REFERRAL");

        confirmReview(caseId);
        JsonNode second = awaitSent(caseId, 2);
        JsonNode third = answer(caseId, referral(second, 2).path("id").asText(), "DECLINED", "CONFLICT_OF_INTEREST")
                .json();
        assertThat(referral(third, 3).path("providerId").asText()).isEqualTo(nationalProject);
        assertThat(third.path("referrals").findValuesAsText("providerId"))
                .containsExactly(borderLegalAid, fronteraDefenders, nationalProject);
    }

    @Test
    void silenceUntilTheResponseDeadlineMovesTheCaseToTheNextProvider() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(caseId);
        awaitSent(caseId, 1);

        fire(caseId, "BoundaryTimer_ResponseDeadline");

        JsonNode moved = readCase(caseId);
        assertThat(referral(moved, 1).path("status").asText()).isEqualTo("NO_RESPONSE");
        assertThat(referral(moved, 2).path("providerId").asText()).isEqualTo(fronteraDefenders);
        assertThat(process(caseId)).hasPassed("ServiceTask_RecordNoResponse").isWaitingAt("Task_ReviewReferral");
        assertThat(actions(caseId)).contains("PROVIDER_RESPONSE_OVERDUE:NO_RESPONSE");
    }

    @Test
    void whenNobodySuitableIsLeftASupervisorDecidesAndTheCaseStaysReferralPending() {
        deactivate(fronteraDefenders);
        deactivate(nationalProject);
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(caseId);
        JsonNode sent = awaitSent(caseId, 1);

        JsonNode escalated = answer(caseId, referral(sent, 1).path("id").asText(), "DECLINED", "NO_CAPACITY").json();

        assertThat(escalated.path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(steps(escalated)).contains("RESOLVE_ESCALATION");
        JsonNode escalation = task(caseId, "RESOLVE_ESCALATION");
        assertThat(escalation.path("candidateGroups").get(0).asText()).isEqualTo("supervisor");
        assertThat(actions(caseId)).contains("REFERRAL_ROUTED:NO_SUITABLE_PROVIDER", "REFERRAL_ESCALATED:SUPERVISOR_TASK_OPENED");

        // Capacity came back: matching again finds the local provider.
        String reopened = provider("Frontera Defenders reopened", "NON_LSC", false, List.of("US-TX"), List.of("es"),
                true, true, 2);
        Response asCaseworker = complete(escalation.path("id").asText(), decision("RETRY_MATCHING"));
        assertThat(asCaseworker.status()).as("escalations are a supervisor's").isEqualTo(403);
        Response retried = complete(escalation.path("id").asText(), decision("RETRY_MATCHING"), AS_SUPERVISOR);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(referral(retried.json(), 2).path("providerId").asText()).isEqualTo(reopened);
        assertThat(steps(retried.json())).contains("REVIEW_REFERRAL");
    }

    @Test
    void aSupervisorMayReferToAProviderTheyChooseWithAReason() {
        deactivate(fronteraDefenders);
        deactivate(nationalProject);
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(caseId);
        answer(caseId, referral(awaitSent(caseId, 1), 1).path("id").asText(), "DECLINED", "NO_CAPACITY");
        String escalation = task(caseId, "RESOLVE_ESCALATION").path("id").asText();

        Response noReason = complete(escalation, decision("REFER_TO").put("providerId", borderLegalAid), AS_SUPERVISOR);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("errors").findValuesAsText("pointer")).contains("/reasonCode", "/reason");

        Response referred = complete(escalation, decision("REFER_TO").put("providerId", borderLegalAid)
                .put("reasonCode", "EXISTING_RELATIONSHIP").put("reason", "Director agreed by phone to take it"),
                AS_SUPERVISOR);

        assertThat(referred.status()).as(referred.body()).isEqualTo(200);
        JsonNode chosen = referral(referred.json(), 2);
        assertThat(chosen.path("chosenBy").asText()).isEqualTo("SUPERVISOR");
        assertThat(chosen.path("chosenByUser").asText()).isEqualTo(SUPERVISOR);
        assertThat(chosen.path("choiceReason").asText()).isEqualTo("Director agreed by phone to take it");
        awaitSent(caseId, 2);
        assertThat(actions(caseId)).contains("ESCALATION_RESOLVED:REFER_TO");
    }

    @Test
    void aCaseworkerMayChangeTheProviderOnlyWithAReasonThatIsKept() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        String review = task(caseId, "REVIEW_REFERRAL").path("id").asText();

        Response withoutReason = complete(review, decision("CHANGE_PROVIDER")
                .put("providerId", nationalProject));
        assertThat(withoutReason.status()).isEqualTo(422);
        assertThat(withoutReason.header("Content-Type")).startsWith("application/problem+json");
        assertThat(withoutReason.json().path("errors").findValuesAsText("pointer")).contains("/reason");

        Response changed = complete(review, decision("CHANGE_PROVIDER").put("providerId", nationalProject)
                .put("reasonCode", "CLIENT_PREFERENCE").put("reason", "Client was helped by them before"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode afterChange = changed.json();
        assertThat(referral(afterChange, 1).path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(referral(afterChange, 1).path("reviewOutcome").asText()).isEqualTo("PROVIDER_CHANGED");
        JsonNode chosen = referral(afterChange, 2);
        assertThat(chosen.path("providerId").asText()).isEqualTo(nationalProject);
        assertThat(chosen.path("chosenBy").asText()).isEqualTo("CASEWORKER");
        assertThat(chosen.path("choiceReasonCode").asText()).isEqualTo("CLIENT_PREFERENCE");
        assertThat(chosen.path("choiceReason").asText()).isEqualTo("Client was helped by them before");
        assertThat(awaitSent(caseId, 2).path("currentReferralId").asText()).isEqualTo(chosen.path("id").asText());
        CaseEvent reviewed = events.stream().filter(e -> e.action().equals("REFERRAL_REVIEWED")).findFirst().orElseThrow();
        assertThat(reviewed.actor()).isEqualTo(CASEWORKER);
        assertThat(reviewed.toString()).contains("CLIENT_PREFERENCE").doesNotContain("helped by them");
    }

    @Test
    void nobodyMayReferACaseToAProviderTheLawKeepsItFrom() {
        String caseId = openedCase(scenarioFacts(JORGE), "es").path("id").asText();
        JsonNode opened = readCase(caseId);
        assertThat(opened.path("routing").path("target").asText()).isEqualTo("NON_LSC_PROVIDER");
        assertThat(referral(opened, 1).path("providerId").asText()).isEqualTo(fronteraDefenders);

        Response toLscRecipient = complete(task(caseId, "REVIEW_REFERRAL").path("id").asText(),
                decision("CHANGE_PROVIDER").put("providerId", borderLegalAid)
                        .put("reasonCode", "LOCATION").put("reason", "Closer to the client"));

        assertThat(toLscRecipient.status()).isEqualTo(422);
        assertThat(toLscRecipient.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/providerId");
        assertThat(toLscRecipient.json().path("errors").get(0).path("detail").asText()).contains("LSC-A-09");
        assertThat(readCase(caseId).path("referrals").size()).isEqualTo(1);
    }

    @Test
    void anUnreviewedReferralGoesOutAsProposedWhenTheReviewDeadlinePasses() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();

        fire(caseId, "BoundaryTimer_ReviewDeadline");

        JsonNode sent = awaitSent(caseId, 1);
        assertThat(referral(sent, 1).path("providerId").asText()).isEqualTo(borderLegalAid);
        assertThat(referral(sent, 1).path("reviewOutcome").asText()).isEqualTo("REVIEW_DEADLINE_PASSED");
        assertThat(referral(sent, 1).path("reviewedBy").asText()).isEqualTo("system");
        assertThat(process(caseId)).hasPassed("ServiceTask_RecordReviewLapsed", "ServiceTask_SendReferral");
    }

    @Test
    void missingFactsAreGatheredAlongsideAndReScreenedWithoutHoldingTheReferralBack() {
        ObjectNode facts = scenarioFacts(MARTA);
        String caseId = openedCase(facts, "es").path("id").asText();
        JsonNode before = readCase(caseId);
        assertThat(before.path("routing").path("needsMoreInformation").asBoolean()).isTrue();
        String firstReferral = referral(before, 1).path("id").asText();

        ObjectNode moreFacts = facts.deepCopy();
        ((ObjectNode) moreFacts.path("person")).put("immigrationStatus", "T_APPLICANT");
        Response rescreened = complete(task(caseId, "GATHER_MISSING_FACTS").path("id").asText(),
                decision("SUBMIT_FACTS").set("facts", moreFacts));

        assertThat(rescreened.status()).as(rescreened.body()).isEqualTo(200);
        JsonNode after = rescreened.json();
        assertThat(after.path("screenings").findValuesAsText("trigger")).containsExactly("INTAKE", "RESCREEN");
        assertThat(after.path("screeningRef").path("id").asText())
                .isEqualTo(after.path("screenings").get(1).path("screeningId").asText());
        assertThat(after.has("screening")).as("a task answer refers to the screening, it does not embed it").isFalse();
        assertThat(after.path("screeningRef").path("href").asText())
                .isEqualTo("/api/v1/screenings/" + after.path("screeningRef").path("id").asText());
        assertThat(after.path("screeningRef").path("programs")).isNotEmpty();
        assertThat(readCase(caseId).path("screening").path("id").asText()).as("GET case still embeds it")
                .isEqualTo(after.path("screeningRef").path("id").asText());
        assertThat(referral(after, 1).path("id").asText()).as("the referral goes on").isEqualTo(firstReferral);
        assertThat(referral(after, 1).path("status").asText()).isEqualTo("PROPOSED");
        assertThat(steps(after)).contains("REVIEW_REFERRAL");

        if (hasTask(caseId, "GATHER_MISSING_FACTS")) {
            Response closed = complete(task(caseId, "GATHER_MISSING_FACTS").path("id").asText(),
                    decision("NOTHING_MORE_TO_GATHER"));
            assertThat(closed.status()).isEqualTo(200);
        }
        assertThat(steps(readCase(caseId))).containsExactly("REVIEW_REFERRAL");
        assertThat(process(caseId)).hasPassed("ServiceTask_RescreenCase");
    }

    @Test
    void invalidFollowUpFactsAreRefusedWithTheirPathAndChangeNothing() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        ObjectNode badFacts = scenarioFacts(MARTA);
        ((ObjectNode) badFacts.path("victimizations").get(0)).put("startDate", "2031-01-01");

        Response refused = complete(task(caseId, "GATHER_MISSING_FACTS").path("id").asText(),
                decision("SUBMIT_FACTS").set("facts", badFacts));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").findValuesAsText("pointer"))
                .anyMatch(p -> p.startsWith("/facts/victimizations/0/"));
        assertThat(readCase(caseId).path("screenings").size()).isEqualTo(1);
        assertThat(hasTask(caseId, "GATHER_MISSING_FACTS")).isTrue();
    }

    @Test
    void aCaseKeepsItsProcessInstanceIdAndOneOpenedBeforeItWasKeptIsFoundByItsCaseId() {
        String kept = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        String older = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        assertThat(processInstanceId(kept)).isEqualTo(process(kept).getId());
        jdbc.update("update legal_aid_case set process_instance_id = null where id = cast(? as uuid)", older);

        for (String caseId : List.of(kept, older)) {
            assertThat(steps(readCase(caseId))).as(caseId)
                    .containsExactlyInAnyOrder("REVIEW_REFERRAL", "GATHER_MISSING_FACTS");
            confirmReview(caseId);
            JsonNode sent = awaitSent(caseId, 1);
            assertThat(steps(sent)).containsExactlyInAnyOrder("AWAIT_PROVIDER_RESPONSE", "GATHER_MISSING_FACTS");
            JsonNode closed = answer(caseId, referral(sent, 1).path("id").asText(), "ACCEPTED", null).json();
            assertThat(closed.path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
            assertThat(steps(closed)).as("the ended process has no steps").isEmpty();
            assertThat(steps(readCase(caseId))).isEmpty();
        }
        String declined = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        jdbc.update("update legal_aid_case set process_instance_id = null where id = cast(? as uuid)", declined);
        assertThat(post("/api/v1/cases/" + declined + "/client-decline", JSON.createObjectNode()
                .put("reasonCode", "OTHER").put("reason", "Moved away"), "Authorization", AS_CASEWORKER).json()
                .path("status").asText()).isEqualTo("CLIENT_DECLINED_REFERRAL");
    }

    private String processInstanceId(String caseId) {
        return jdbc.queryForObject("select process_instance_id from legal_aid_case where id = cast(? as uuid)",
                String.class, caseId);
    }

    @Test
    void theClientMayDeclineAtAnyStepAndTheCaseEndsWithWhoAndWhy() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(caseId);
        awaitSent(caseId, 1);
        ProcessInstance instance = process(caseId);

        Response declined = post("/api/v1/cases/" + caseId + "/client-decline", JSON.createObjectNode()
                .put("reasonCode", "ALREADY_HAS_A_LAWYER").put("reason", "Has a pro bono attorney through her church"),
                "Authorization", AS_CASEWORKER);

        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        JsonNode closed = declined.json();
        assertThat(closed.path("status").asText()).isEqualTo("CLIENT_DECLINED_REFERRAL");
        assertThat(closed.path("closure").path("recordedBy").asText()).isEqualTo(CASEWORKER);
        assertThat(closed.path("closure").path("reasonCode").asText()).isEqualTo("ALREADY_HAS_A_LAWYER");
        assertThat(closed.path("closure").path("reason").asText()).isEqualTo("Has a pro bono attorney through her church");
        assertThat(referral(closed, 1).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(get("/api/v1/tasks?caseId=" + caseId).json().size()).isZero();
        assertThat(instance).hasPassed("ServiceTask_CloseAsClientDeclined", "EndEvent_ClientDeclinedReferral")
                .isEnded();
        assertThat(actions(caseId)).endsWith("CLIENT_DECLINED_REFERRAL:ALREADY_HAS_A_LAWYER",
                "CASE_CLOSED:CLIENT_DECLINED_REFERRAL");
        assertThat(post("/api/v1/cases/" + caseId + "/client-decline", JSON.createObjectNode()
                .put("reasonCode", "OTHER").put("reason", "again"), "Authorization", AS_CASEWORKER).status())
                .isEqualTo(409);
    }

    @Test
    void anUrgentCaseGoesToAProviderThatWorksInDetentionWithShorterDeadlines() {
        provider("Gulf Legal Services", "LSC", false, List.of("US-TX"), List.of("en", "es"), true, false, 5);
        JsonNode opened = openedCase(scenarioFacts(NAYELI), "es");
        String caseId = opened.path("id").asText();

        assertThat(opened.path("routing").path("urgent").asBoolean()).isTrue();
        assertThat(opened.path("routing").path("minor").asBoolean()).isTrue();
        assertThat(opened.path("routing").path("detained").asBoolean()).isTrue();
        assertThat(referral(opened, 1).path("providerId").asText()).isEqualTo(borderLegalAid);
        OffsetDateTime proposedAt = OffsetDateTime.parse(referral(opened, 1).path("proposedAt").asText());
        OffsetDateTime reviewDue = OffsetDateTime.parse(task(caseId, "REVIEW_REFERRAL").path("dueAt").asText());
        assertThat(Duration.between(proposedAt, reviewDue).toMinutes()).isCloseTo(4 * 60, within(1L));

        confirmReview(caseId);
        JsonNode sent = awaitSent(caseId, 1);
        OffsetDateTime sentAt = OffsetDateTime.parse(referral(sent, 1).path("sentAt").asText());
        OffsetDateTime responseDue = OffsetDateTime.parse(referral(sent, 1).path("responseDueAt").asText());
        assertThat(ChronoUnit.HOURS.between(sentAt, responseDue)).isEqualTo(24);
        CaseEvent sentEvent = events.stream().filter(e -> e.action().equals("REFERRAL_SENT")
                && e.caseId().toString().equals(caseId)).findFirst().orElseThrow();
        assertThat(sentEvent.ruleIds()).containsExactly("LA-03");
    }

    @Test
    void aCaseMayBeOpenedFromAStoredScreening() {
        Response screening = post("/api/v1/screenings", scenarioFacts(JORGE));
        ObjectNode body = JSON.createObjectNode().put("screeningId", screening.json().path("id").asText());

        Response opened = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.header("Location")).endsWith("/api/v1/cases/" + opened.json().path("id").asText());
        assertThat(opened.json().path("screenings").get(0).path("trigger").asText()).isEqualTo("FROM_SCREENING");
        assertThat(opened.json().path("screening").path("id").asText()).isEqualTo(screening.json().path("id").asText());
        assertThat(referral(opened.json(), 1).path("providerId").asText()).isEqualTo(fronteraDefenders);
    }

    @Test
    void processVariablesHoldOnlyTheCaseIdAndRoutingFacts() {
        String caseId = openedCase(scenarioFacts(NAYELI), "es").path("id").asText();
        confirmReview(caseId);
        awaitSent(caseId, 1);

        Set<String> allowed = Set.of("caseId", "target", "scope", "urgent", "languages", "minor", "region", "detained",
                "needsMoreInformation", "providerFound", "referralId", "providerId", "reviewDueAt", "deliveryDueAt",
                "responseDueAt", "providerAccepted", "supervisorDecision", "factsSubmitted");
        List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
                .processInstanceId(process(caseId).getId()).list();
        assertThat(variables).isNotEmpty();
        for (HistoricVariableInstance v : variables) {
            assertThat(allowed).as("variable " + v.getName()).contains(v.getName());
            assertThat(String.valueOf(v.getValue())).doesNotContain("Houston", "2010-02-14", "GT", "TRANSPORT");
        }
    }

    @Test
    void aListenerThatFailsUndoesTheChangeItWasToldAbout() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        ApplicationListener<PayloadApplicationEvent<?>> failing = e -> {
            if (e.getPayload() instanceof CaseEvent event && event.action().equals("REFERRAL_REVIEWED")) {
                throw new IllegalStateException("audit store unavailable");
            }
        };
        context.addApplicationListener(failing);
        try {
            assertThat(complete(task(caseId, "REVIEW_REFERRAL").path("id").asText(), decision("CONFIRM"))
                    .status()).isEqualTo(500);
        } finally {
            context.removeApplicationListener(failing);
        }
        JsonNode unchanged = readCase(caseId);
        assertThat(referral(unchanged, 1).path("reviewOutcome").isMissingNode()).isTrue();
        assertThat(steps(unchanged)).contains("REVIEW_REFERRAL");
    }

    private ProcessInstance process(String caseId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).singleResult();
        assertThat(instance).as("running process of case " + caseId).isNotNull();
        return instance;
    }

    /**
     * Issue 14, item 3: routing reads each provider's open referrals from its row; the count is changed with every
     * status change of a referral, in the same transaction. Through a proposal, a provider change, a decline, a
     * time-out, an escalation the supervisor resolves, an acceptance and two withdrawals (one proposed, one sent),
     * it is after every step what counting the referrals gives.
     */
    @Test
    void eachProvidersOpenReferralCountNeverDriftsFromTheReferralsOpen() {
        String caseId = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        assertThat(openReferrals(borderLegalAid)).as("proposed to the first choice").isOne();
        assertCountsAreTrue();

        complete(task(caseId, "REVIEW_REFERRAL").path("id").asText(), decision("CHANGE_PROVIDER")
                .put("providerId", nationalProject).put("reasonCode", "CLIENT_PREFERENCE").put("reason", "Asked for it"));
        assertThat(openReferrals(borderLegalAid)).as("superseded").isZero();
        assertThat(openReferrals(nationalProject)).isOne();
        assertCountsAreTrue();

        JsonNode sent = awaitSent(caseId, 2);
        assertCountsAreTrue();
        answer(caseId, referral(sent, 2).path("id").asText(), "DECLINED", "NO_CAPACITY");
        assertThat(openReferrals(nationalProject)).as("declined").isZero();
        assertCountsAreTrue();

        confirmReview(caseId);
        awaitSent(caseId, 3);
        fire(caseId, "BoundaryTimer_ResponseDeadline");
        assertThat(referral(readCase(caseId), 3).path("status").asText()).isEqualTo("NO_RESPONSE");
        assertCountsAreTrue();

        confirmReview(caseId);
        JsonNode fourth = awaitSent(caseId, 4);
        answer(caseId, referral(fourth, 4).path("id").asText(), "DECLINED", "NO_CAPACITY");
        String escalation = task(caseId, "RESOLVE_ESCALATION").path("id").asText();
        assertThat(openReferrals(borderLegalAid) + openReferrals(fronteraDefenders) + openReferrals(nationalProject))
                .as("escalated: nothing open").isZero();
        assertCountsAreTrue();

        Response referred = complete(escalation, decision("REFER_TO").put("providerId", borderLegalAid)
                .put("reasonCode", "EXISTING_RELATIONSHIP").put("reason", "Director agreed"), AS_SUPERVISOR);
        assertThat(referred.status()).as(referred.body()).isEqualTo(200);
        assertThat(openReferrals(borderLegalAid)).isOne();
        assertCountsAreTrue();
        JsonNode fifth = awaitSent(caseId, 5);
        answer(caseId, referral(fifth, 5).path("id").asText(), "ACCEPTED", null);
        assertThat(openReferrals(borderLegalAid)).as("accepted").isZero();
        assertCountsAreTrue();

        String proposed = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        String sentToo = openedCase(scenarioFacts(MARTA), "es").path("id").asText();
        confirmReview(sentToo);
        awaitSent(sentToo, 1);
        assertThat(openReferrals(borderLegalAid)).isEqualTo(2);
        for (String withdrawn : List.of(proposed, sentToo)) {
            Response declined = post("/api/v1/cases/" + withdrawn + "/client-decline", JSON.createObjectNode()
                    .put("reasonCode", "ALREADY_HAS_A_LAWYER").put("reason", "Has one"), "Authorization", AS_CASEWORKER);
            assertThat(declined.status()).as(declined.body()).isEqualTo(200);
            assertThat(referral(declined.json(), 1).path("status").asText()).isEqualTo("WITHDRAWN");
            assertCountsAreTrue();
        }
        assertThat(openReferrals(borderLegalAid)).as("withdrawn").isZero();
    }

    /** After every test: no provider's kept count differs from the referrals open (read in one statement). */
    @AfterEach
    void assertCountsAreTrue() {
        assertThat(jdbc.queryForList("select p.id, p.open_referrals, (select count(*) from referral r"
                + " where r.provider_id = p.id and r.status in ('PROPOSED', 'SENT')) as counted"
                + " from legal_aid_provider p where p.open_referrals <> (select count(*) from referral r"
                + " where r.provider_id = p.id and r.status in ('PROPOSED', 'SENT'))")).isEmpty();
    }

    private int openReferrals(String providerId) {
        return jdbc.queryForObject("select open_referrals from legal_aid_provider where id = cast(? as uuid)",
                Integer.class, providerId);
    }

    /** Runs a timer now, as if its deadline had passed. */
    private void fire(String caseId, String timerId) {
        Job timer = management.createJobQuery().processInstanceId(process(caseId).getId()).timers()
                .activityId(timerId).singleResult();
        assertThat(timer).as(timerId + " of case " + caseId).isNotNull();
        management.executeJob(timer.getId());
    }

    private void deactivate(String providerId) {
        assertThat(delete("/api/v1/providers/" + providerId).status()).isEqualTo(204);
    }
}
