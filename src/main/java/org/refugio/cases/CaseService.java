package org.refugio.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.PersonIdentity;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.cases.events.ClientDeclinedReferral;
import org.refugio.cases.events.EscalationResolved;
import org.refugio.cases.events.ProviderResponded;
import org.refugio.cases.events.ReferralReviewed;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.problem.ConflictException;
import org.refugio.problem.ForbiddenException;
import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.providers.Provider;
import org.refugio.providers.ProviderDirectory;
import org.refugio.routing.ProviderChoice;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.InvalidFactsException;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.refugio.security.Role;
import org.refugio.workflow.CaseWorkflow;
import org.refugio.workflow.TaskKind;
import org.refugio.workflow.WorkTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case capability: opens cases, takes people's decisions on them (caseworkers, supervisors, providers, the
 * client) and hands them to the workflow. Each method is one transaction: the case tables, the workflow's state
 * and the published events change together or not at all. (Named apart from the engine's CMMN "caseService".)
 */
@Service("legalAidCases")
public class CaseService {

    /** How a case is opened: from facts, or from a stored screening (exactly one). */
    public record OpenCase(ScreeningFacts facts, UUID screeningId, Set<String> clientLanguages,
                           PersonIdentity identity) { }

    public enum Decision { CONFIRM, CHANGE_PROVIDER, SUBMIT_FACTS, NOTHING_MORE_TO_GATHER, REFER_TO, RETRY_MATCHING }

    /** A caseworker's or supervisor's decision on a task; which fields it needs depends on the task. */
    public record TaskDecision(Decision decision, UUID providerId, String reasonCode, String reason,
                               ScreeningFacts facts) { }

    private final CaseRepository cases;
    private final ReferralRepository referrals;
    private final ScreeningService screenings;
    private final ProviderDirectory directory;
    private final Rulesets rulesets;
    private final CaseWorkflow workflow;
    private final ApplicationEventPublisher events;
    private final CurrentActor actors;
    private final CaseIdentity identity;
    private final ObjectMapper json;
    private final Clock clock;

    CaseService(CaseRepository cases, ReferralRepository referrals, ScreeningService screenings,
                ProviderDirectory directory, Rulesets rulesets, CaseWorkflow workflow,
                ApplicationEventPublisher events, CurrentActor actors, CaseIdentity identity, ObjectMapper json,
                Clock clock) {
        this.cases = cases;
        this.referrals = referrals;
        this.screenings = screenings;
        this.directory = directory;
        this.rulesets = rulesets;
        this.workflow = workflow;
        this.events = events;
        this.actors = actors;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Purges a closed case under the retention policy, in the caller's transaction: the person's sealed identity is
     * deleted, the free text of the case, its referrals and its consents (pending facts, closing reason, choice and
     * response reasons, consent document references) is erased, and the case is marked purged. Status, dates,
     * routing codes, reason codes and referrals' providers stay. The screenings are left to the caller, which purges
     * those no other case still holds and records each purge in the audit trail.
     *
     * @return the ids of the case's screenings if this call purged it; empty when the case is open, already purged
     *         or unknown
     */
    @Transactional
    public java.util.Optional<List<UUID>> purgeClosed(UUID caseId, Instant at) {
        if (!cases.purge(caseId, at)) {
            return java.util.Optional.empty();
        }
        identity.erase(caseId);
        referrals.eraseFreeText(caseId);
        return java.util.Optional.of(cases.allScreeningIds(caseId));
    }

    /**
     * Opens a case and runs its workflow until the case waits for a person: screened, a provider proposed (or a
     * supervisor asked), and missing facts asked for alongside.
     */
    @Transactional
    public UUID open(OpenCase request) {
        if ((request.facts() == null) == (request.screeningId() == null)) {
            throw new UnprocessableException("Give either the facts or the id of a stored screening.", List.of(
                    new UnprocessableException.FieldProblem("/facts", "exactly one of facts and screeningId"),
                    new UnprocessableException.FieldProblem("/screeningId", "exactly one of facts and screeningId")));
        }
        if (request.facts() != null) {
            checkFacts(request.facts(), "/facts");
        } else if (screenings.find(request.screeningId(), actors.get()).isEmpty()) {
            throw new NotFoundException("No screening decision has id " + request.screeningId() + ".");
        }
        UUID caseId = UUID.randomUUID();
        Set<String> languages = new TreeSet<>(request.clientLanguages() == null ? Set.of() : request.clientLanguages());
        cases.insert(caseId, clock.instant(), actors.get().id(),
                request.facts() == null ? null : write(request.facts()), request.screeningId(), languages);
        if (request.identity() != null) {
            identity.store(caseId, request.identity());
        }
        cases.processStarted(caseId, workflow.start(caseId));
        return caseId;
    }

    /**
     * Who opened the case: a staff user's or an intake client's id (the token's subject), as recorded; empty for no
     * such case. For capabilities fed by case events that answer to the case's opener (status callbacks).
     */
    public java.util.Optional<String> openedBy(UUID caseId) {
        return cases.openedBy(caseId);
    }

    /**
     * Records a provider's answer to the referral it was sent, as told by {@code respondedBy} at the provider;
     * an acceptance ends the case as referred.
     */
    @Transactional
    public void recordProviderResponse(UUID caseId, UUID referralId, boolean accepted, String respondedBy,
                                       String reasonCode, String reason) {
        CaseRecord current = openCase(caseId);
        ReferralRecord referral = referrals.find(referralId).filter(r -> r.caseId().equals(current.id()))
                .orElseThrow(() -> new NotFoundException("Case " + caseId + " has no referral " + referralId + "."));
        if (!accepted && reasonCode == null) {
            throw new UnprocessableException("/reasonCode", "required when the provider declines",
                    "Say why the provider declined.");
        }
        if (referral.status() != ReferralStatus.SENT
                || !referrals.answered(referralId, accepted ? ReferralStatus.ACCEPTED : ReferralStatus.DECLINED,
                clock.instant(), respondedBy, reasonCode, reason)) {
            throw new ConflictException("The referral is " + referral.status()
                    + "; only a referral that was sent and awaits an answer can be answered.");
        }
        events.publishEvent(new ProviderResponded(caseId, clock.instant(), actors.get().id(), referralId,
                referral.providerId(), accepted ? "ACCEPTED" : "DECLINED", reasonCode));
        workflow.providerAnswered(current.process(), referralId, accepted);
    }

    /** The client declines the referral: the case ends, kept with who recorded it and why. */
    @Transactional
    public void recordClientDecline(UUID caseId, String reasonCode, String reason) {
        String recordedBy = actors.get().id();
        CaseRecord current = openCase(caseId);
        if (reason == null || reason.isBlank()) {
            throw new UnprocessableException("/reason", "must not be blank", "Say why the client declined.");
        }
        cases.recordDecline(caseId, recordedBy, reasonCode, reason.trim());
        events.publishEvent(new ClientDeclinedReferral(caseId, clock.instant(), recordedBy, reasonCode));
        workflow.clientDeclined(current.process());
    }

    /**
     * The active providers the law lets serve this case (LA-02, LSC-A-09): the only ones a person may choose when
     * changing the provider. Empty while the case has not been screened.
     */
    public List<Provider> lawfulProviders(UUID caseId) {
        CaseRecord current = cases.find(caseId)
                .orElseThrow(() -> new NotFoundException("No case has id " + caseId + "."));
        if (current.routing() == null) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        return directory.list(true).stream().filter(p -> rulesets.current().providerMatcher().choose(
                current.routing(), List.of(ProviderDirectory.profile(p, 1)), Set.of(), today)
                .lawfulTargetFor(p.id()).isPresent()).toList();
    }

    /** Open tasks narrowed by what is given (null: any); of one case when caseId is given, none for an unknown case. */
    public List<WorkTask> tasks(UUID caseId, TaskKind kind, String assignee, String candidateGroup) {
        CaseWorkflow.CaseProcess process = null;
        if (caseId != null) {
            process = cases.process(caseId).orElse(null);
            if (process == null) {
                return List.of();
            }
        }
        return workflow.tasks(new CaseWorkflow.TaskFilter(process, kind, assignee, candidateGroup));
    }

    public WorkTask task(String taskId) {
        return workflow.task(taskId).orElseThrow(() -> new NotFoundException("No open task has id " + taskId + "."));
    }

    /** Claims a task for the calling user. */
    @Transactional
    public WorkTask claim(String taskId) {
        Actor actor = actors.get();
        mayWork(task(taskId), actor);
        workflow.claim(taskId, actor.id());
        return task(taskId);
    }

    /** Applies a caseworker's or supervisor's decision and moves the case on; answers the case's id. */
    @Transactional
    public UUID complete(String taskId, TaskDecision decision) {
        WorkTask task = task(taskId);
        String userId = actors.get().id();
        mayWork(task, actors.get());
        if (task.assignee() != null && !task.assignee().equals(userId)) {
            throw new ConflictException("Another user holds this task.");
        }
        CaseRecord current = openCase(task.caseId());
        switch (task.kind()) {
            case REVIEW_REFERRAL -> review(task, current, decision, userId);
            case GATHER_MISSING_FACTS -> gatherFacts(task, current, decision, userId);
            case RESOLVE_ESCALATION -> resolveEscalation(task, current, decision, userId);
        }
        return current.id();
    }

    /** Escalations are a supervisor's; a supervisor may also take a caseworker's task. */
    private static void mayWork(WorkTask task, Actor actor) {
        boolean allowed = task.kind() == TaskKind.RESOLVE_ESCALATION ? actor.has(Role.SUPERVISOR)
                : actor.has(Role.CASEWORKER) || actor.has(Role.SUPERVISOR);
        if (!allowed) {
            throw new ForbiddenException("This task is for a " + (task.kind() == TaskKind.RESOLVE_ESCALATION
                    ? "supervisor." : "caseworker or supervisor."));
        }
    }

    private void review(WorkTask task, CaseRecord current, TaskDecision d, String userId) {
        expect(d, TaskKind.REVIEW_REFERRAL, Decision.CONFIRM, Decision.CHANGE_PROVIDER);
        ReferralRecord proposed = referrals.find(task.referralId())
                .filter(r -> r.status() == ReferralStatus.PROPOSED)
                .orElseThrow(() -> new ConflictException("The referral under review is no longer proposed."));
        Instant now = clock.instant();
        if (d.decision() == Decision.CONFIRM) {
            referrals.reviewed(proposed.id(), "CONFIRMED", userId, now);
            events.publishEvent(new ReferralReviewed(current.id(), now, userId, proposed.id(), "CONFIRMED",
                    proposed.providerId(), proposed.providerId(), null));
            workflow.completeReview(task.id(), userId, proposed.id(), proposed.providerId());
            return;
        }
        requireReason(d);
        if (d.providerId().equals(proposed.providerId())) {
            throw new UnprocessableException("/providerId", "is the provider already proposed; confirm instead",
                    "Choose another provider, or confirm this one.");
        }
        ReferralTarget target = lawfulTarget(current, d.providerId());
        referrals.reviewed(proposed.id(), "PROVIDER_CHANGED", userId, now);
        referrals.transition(proposed.id(), ReferralStatus.PROPOSED, ReferralStatus.SUPERSEDED);
        ReferralRecord chosen = chosenByPerson(current, d, userId, target, ChosenBy.CASEWORKER, now);
        events.publishEvent(new ReferralReviewed(current.id(), now, userId, chosen.id(), "PROVIDER_CHANGED",
                proposed.providerId(), chosen.providerId(), d.reasonCode()));
        workflow.completeReview(task.id(), userId, chosen.id(), chosen.providerId());
    }

    private void gatherFacts(WorkTask task, CaseRecord current, TaskDecision d, String userId) {
        expect(d, TaskKind.GATHER_MISSING_FACTS, Decision.SUBMIT_FACTS, Decision.NOTHING_MORE_TO_GATHER);
        if (d.decision() == Decision.SUBMIT_FACTS) {
            if (d.facts() == null) {
                throw new UnprocessableException("/facts", "required with SUBMIT_FACTS",
                        "Give the full, updated facts to re-screen with.");
            }
            checkFacts(d.facts(), "/facts");
            cases.setPendingFacts(current.id(), write(d.facts()));
        }
        workflow.completeFactGathering(task.id(), userId, d.decision() == Decision.SUBMIT_FACTS);
    }

    private void resolveEscalation(WorkTask task, CaseRecord current, TaskDecision d, String userId) {
        expect(d, TaskKind.RESOLVE_ESCALATION, Decision.REFER_TO, Decision.RETRY_MATCHING);
        Instant now = clock.instant();
        if (d.decision() == Decision.RETRY_MATCHING) {
            events.publishEvent(new EscalationResolved(current.id(), now, userId, "RETRY_MATCHING", null, null,
                    d.reasonCode()));
            workflow.completeEscalation(task.id(), userId, null, null);
            return;
        }
        requireReason(d);
        ReferralTarget target = lawfulTarget(current, d.providerId());
        ReferralRecord chosen = chosenByPerson(current, d, userId, target, ChosenBy.SUPERVISOR, now);
        events.publishEvent(new EscalationResolved(current.id(), now, userId, "REFER_TO", chosen.id(),
                chosen.providerId(), d.reasonCode()));
        workflow.completeEscalation(task.id(), userId, chosen.id(), chosen.providerId());
    }

    private ReferralRecord chosenByPerson(CaseRecord current, TaskDecision d, String userId, ReferralTarget target,
                                          ChosenBy by, Instant now) {
        boolean caseworker = by == ChosenBy.CASEWORKER;
        ReferralRecord chosen = new ReferralRecord(UUID.randomUUID(), current.id(), referrals.nextAttempt(current.id()),
                d.providerId(), target, ReferralStatus.PROPOSED, by, userId, d.reasonCode(), d.reason().trim(),
                List.of("LA-02"), null, now, caseworker ? now : null, caseworker ? userId : null,
                caseworker ? "PROVIDER_CHANGED" : null, null, null, null, null, null, null);
        referrals.insert(chosen);
        return chosen;
    }

    /**
     * A person may overrule the rules on region, capacity or a provider's profile, with a reason; never on the law:
     * the provider's funding must be able to serve the case (LA-02, LSC-A-09).
     */
    private ReferralTarget lawfulTarget(CaseRecord current, UUID providerId) {
        Provider provider = directory.lookup(providerId).filter(Provider::active).orElseThrow(() ->
                new UnprocessableException("/providerId", "no active provider has this id", "Unknown provider."));
        ProviderChoice choice = rulesets.current().providerMatcher().choose(current.routing(),
                List.of(ProviderDirectory.profile(provider, 1)), Set.of(), LocalDate.now(clock));
        return choice.lawfulTargetFor(providerId).orElseThrow(() -> new UnprocessableException("/providerId",
                "the law does not let this provider's funding serve this case (LA-02, LSC-A-09)",
                "This provider may not take the case."));
    }

    private static void requireReason(TaskDecision d) {
        List<UnprocessableException.FieldProblem> missing = new ArrayList<>();
        if (d.providerId() == null) {
            missing.add(new UnprocessableException.FieldProblem("/providerId", "required with " + d.decision()));
        }
        if (d.reasonCode() == null) {
            missing.add(new UnprocessableException.FieldProblem("/reasonCode", "required with " + d.decision()));
        }
        if (d.reason() == null || d.reason().isBlank()) {
            missing.add(new UnprocessableException.FieldProblem("/reason", "required with " + d.decision()));
        }
        if (!missing.isEmpty()) {
            throw new UnprocessableException("Choosing a provider yourself needs the provider and your reason.",
                    missing);
        }
    }

    private static void expect(TaskDecision d, TaskKind kind, Decision... allowed) {
        for (Decision a : allowed) {
            if (a == d.decision()) {
                return;
            }
        }
        throw new UnprocessableException("/decision", "a " + kind + " task takes " + List.of(allowed),
                "This decision does not fit the task.");
    }

    private CaseRecord openCase(UUID caseId) {
        CaseRecord current = cases.find(caseId).filter(c -> mayRead(c, actors.get()))
                .orElseThrow(() -> new NotFoundException("No case has id " + caseId + "."));
        if (!current.isOpen()) {
            throw new ConflictException("The case has ended: " + current.status() + ".");
        }
        return current;
    }

    /** An intake system sees only the cases it opened; people who work cases see every case. */
    static boolean mayRead(CaseRecord c, Actor actor) {
        return !actor.seesOnlyOwnRecords() || actor.id().equals(c.openedBy());
    }

    private void checkFacts(ScreeningFacts facts, String at) {
        try {
            screenings.check(facts);
        } catch (InvalidFactsException e) {
            throw e.under(at);
        }
    }

    private String write(ScreeningFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts could not be serialised", e);
        }
    }

}
