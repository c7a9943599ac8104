package org.refugio.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.api.model.Status;
import org.refugio.cases.events.CaseClosed;
import org.refugio.cases.events.CaseEvent;
import org.refugio.cases.events.CaseScreened;
import org.refugio.cases.events.ProviderResponseOverdue;
import org.refugio.cases.events.ReferralEscalated;
import org.refugio.cases.events.ReferralReviewed;
import org.refugio.cases.events.ReferralRouted;
import org.refugio.cases.events.ReferralSent;
import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.providers.ProviderDirectory;
import org.refugio.routing.ProviderChoice;
import org.refugio.routing.RoutingFacts;
import org.refugio.routing.RoutingReason;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.workflow.CaseSteps;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automatic steps of a case, as the workflow calls them. Each runs in the workflow's transaction, changes the
 * case tables, and publishes what happened; none of them holds a referral back.
 */
@Service
@Transactional
class CaseProcessSteps implements CaseSteps {

    private final CaseRepository cases;
    private final ReferralRepository referrals;
    private final ScreeningService screenings;
    private final ProviderDirectory directory;
    private final Rulesets rulesets;
    private final ReferralDeadlines deadlines;
    private final ReferralChannel channel;
    private final CaseIdentity identity;
    private final String organizationContact;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    CaseProcessSteps(CaseRepository cases, ReferralRepository referrals, ScreeningService screenings,
                     ProviderDirectory directory, Rulesets rulesets, ReferralDeadlines deadlines,
                     ReferralChannel channel, CaseIdentity identity,
                     @Value("${refugio.organization.contact:}") String organizationContact,
                     ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.referrals = referrals;
        this.screenings = screenings;
        this.directory = directory;
        this.rulesets = rulesets;
        this.deadlines = deadlines;
        this.channel = channel;
        this.identity = identity;
        this.organizationContact = organizationContact;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Screened screen(UUID caseId) {
        CaseRecord current = lock(caseId);
        ScreeningService.Screened screened;
        String trigger;
        if (current.pendingFacts() != null) {
            // The screening is the case's: recorded as made by whoever opened the case.
            screened = screenings.screenAndKeep(read(current.pendingFacts(), ScreeningFacts.class),
                    new Actor(current.openedBy(), Set.of()));
            trigger = current.screeningId() == null ? "INTAKE" : "RESCREEN";
        } else if (current.screeningId() != null && current.target() == null) {
            screened = screenings.findScreened(current.screeningId(), Actor.SYSTEM).orElseThrow(() ->
                    new IllegalStateException("case " + caseId + " names a screening that is not stored"));
            trigger = "FROM_SCREENING";
        } else {
            throw new IllegalStateException("case " + caseId + " has no facts waiting to be screened");
        }
        ScreeningDecision decision = screened.decision();
        LegalAidReferral referral = decision.getLegalAidReferral();
        RoutingFacts routing = RoutingFacts.of(ReferralTarget.valueOf(referral.getTarget().name()),
                nullSafe(referral.getAlternativeTargets()).stream().map(t -> ReferralTarget.valueOf(t.name())).toList(),
                referral.getScope() == null ? null : LscScope.valueOf(referral.getScope().name()),
                Boolean.TRUE.equals(referral.getUrgent()), screened.caseFacts().person(), current.clientLanguages());
        boolean needsMoreInformation = decision.getPrograms().stream()
                .anyMatch(p -> p.getStatus() == Status.NEEDS_MORE_INFORMATION);
        List<String> urgencyReasons = nullSafe(referral.getUrgencyReasons()).stream().map(Enum::name).toList();
        Instant now = clock.instant();
        cases.screened(caseId, decision.getId(), routing, urgencyReasons, needsMoreInformation, now, trigger);
        publish(new CaseScreened(caseId, now, CaseEvent.SYSTEM, decision.getId(), trigger,
                decision.getRuleset().getVersion(), decision.getRuleset().getSha256(), routing.target().name(),
                routing.urgent(), needsMoreInformation, List.copyOf(referral.getRuleIds())));
        return new Screened(needsMoreInformation);
    }

    @Override
    public Proposal chooseProvider(UUID caseId) {
        CaseRecord current = lock(caseId);
        RoutingFacts routing = current.routing();
        Set<UUID> alreadyAsked = referrals.alreadyAsked(caseId);
        ProviderChoice choice = rulesets.current().providerMatcher().choose(routing, directory.activeProfiles(),
                alreadyAsked, LocalDate.now(clock));
        Instant now = clock.instant();
        for (ProviderChoice.Candidate candidate : choice.ranked()) {
            // The directory's count may be stale by now: ask again for the place this referral takes.
            Optional<Integer> openSlots = directory.placesToTake(candidate.provider().id());
            if (openSlots.isEmpty() || openSlots.get() <= 0) {
                continue;
            }
            List<String> ruleIds = candidate.reasons().stream().map(RoutingReason::ruleId).distinct().sorted().toList();
            ReferralRecord proposed = new ReferralRecord(UUID.randomUUID(), caseId, referrals.nextAttempt(caseId),
                    candidate.provider().id(), candidate.target(), ReferralStatus.PROPOSED, ChosenBy.RULES, null, null,
                    null, ruleIds, write(reasons(candidate.reasons())), now, null, null, null, null, null, null, null,
                    null, null);
            referrals.insert(proposed);
            publish(new ReferralRouted(caseId, now, CaseEvent.SYSTEM, proposed.id(), proposed.providerId(),
                    proposed.target().name(), candidate.tier().name(), proposed.attempt(), choice.excluded().size(),
                    choice.ruleIds()));
            return new Proposal(true, proposed.id(), proposed.providerId(),
                    now.plus(deadlines.review(routing.urgent())));
        }
        publish(new ReferralRouted(caseId, now, CaseEvent.SYSTEM, null, null, null, null, 0,
                choice.excluded().size(), choice.ruleIds()));
        publish(new ReferralEscalated(caseId, now, CaseEvent.SYSTEM, alreadyAsked.size(), choice.ruleIds()));
        return new Proposal(false, null, null, null);
    }

    @Override
    public Instant deliveryDeadline(UUID caseId, UUID referralId) {
        referral(caseId, referralId);
        CaseRecord current = cases.find(caseId).orElseThrow();
        return clock.instant().plus(deadlines.response(Boolean.TRUE.equals(current.urgent())));
    }

    @Override
    public Dispatch sendReferral(UUID caseId, UUID referralId) {
        lock(caseId);
        ReferralRecord referral = referral(caseId, referralId);
        if (referral.status() != ReferralStatus.PROPOSED) {
            // Sent already (a retried job, or a second call): nothing goes out twice.
            return new Dispatch(referral.responseDueAt());
        }
        CaseRecord current = cases.find(caseId).orElseThrow();
        boolean urgent = Boolean.TRUE.equals(current.urgent());
        Instant now = clock.instant();
        Instant dueAt = now.plus(deadlines.response(urgent));
        CaseIdentity.Sharing sharing = CaseIdentity.Sharing.NOTHING;
        if (!referrals.delivered(referralId)) {
            sharing = identity.forReferral(caseId, referral.providerId());
            String via = channel.deliver(new ReferralChannel.ReferralNotice(caseId, referralId, referral.providerId(),
                    urgent, dueAt, current.openedBy(), organizationContact, sharing.identityJson(), sharing.consentId()));
            referrals.recordDelivery(referralId, now, via, sharing.sharesIdentity(), sharing.consentId());
        }
        referrals.sent(referralId, now, dueAt);
        publish(new ReferralSent(caseId, now, CaseEvent.SYSTEM, referralId, referral.providerId(), urgent, dueAt,
                sharing.sharesIdentity(), sharing.consentId()));
        return new Dispatch(dueAt);
    }

    @Override
    public void recordReviewLapsed(UUID caseId, UUID referralId) {
        lock(caseId);
        ReferralRecord referral = referral(caseId, referralId);
        Instant now = clock.instant();
        if (referrals.reviewed(referralId, "REVIEW_DEADLINE_PASSED", CaseEvent.SYSTEM, now)) {
            publish(new ReferralReviewed(caseId, now, CaseEvent.SYSTEM, referralId, "REVIEW_DEADLINE_PASSED",
                    referral.providerId(), referral.providerId(), null));
        }
    }

    @Override
    public void recordNoResponse(UUID caseId, UUID referralId) {
        lock(caseId);
        ReferralRecord referral = referral(caseId, referralId);
        // SENT: no answer by the response deadline. PROPOSED: the delivery kept failing until that deadline.
        boolean delivered = referrals.transition(referralId, ReferralStatus.SENT, ReferralStatus.NO_RESPONSE);
        if (delivered || referrals.transition(referralId, ReferralStatus.PROPOSED, ReferralStatus.NO_RESPONSE)) {
            publish(new ProviderResponseOverdue(caseId, clock.instant(), CaseEvent.SYSTEM, referralId,
                    referral.providerId(), delivered));
        }
    }

    @Override
    public void closeAsReferred(UUID caseId, UUID referralId) {
        lock(caseId);
        ReferralRecord referral = referral(caseId, referralId);
        Instant now = clock.instant();
        if (cases.close(caseId, CaseStatus.REFERRAL_ACCEPTED, now, referral.respondedBy())) {
            publish(new CaseClosed(caseId, now, referral.respondedBy(), CaseStatus.REFERRAL_ACCEPTED.name(),
                    referralId));
        }
    }

    @Override
    public void closeAsClientDeclined(UUID caseId) {
        CaseRecord current = lock(caseId);
        Instant now = clock.instant();
        referrals.withdrawOpen(caseId);
        if (cases.close(caseId, CaseStatus.CLIENT_DECLINED_REFERRAL, now, null)) {
            publish(new CaseClosed(caseId, now, current.closedBy(), CaseStatus.CLIENT_DECLINED_REFERRAL.name(), null));
        }
    }

    private CaseRecord lock(UUID caseId) {
        return cases.lock(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
    }

    private ReferralRecord referral(UUID caseId, UUID referralId) {
        return referrals.find(referralId).filter(r -> r.caseId().equals(caseId))
                .orElseThrow(() -> new IllegalStateException("no referral " + referralId + " of case " + caseId));
    }

    private void publish(CaseEvent event) {
        events.publishEvent(event);
    }

    static List<Map<String, Object>> reasons(List<RoutingReason> reasons) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (RoutingReason r : reasons) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ruleId", r.ruleId());
            entry.put("rule", r.rule());
            entry.put("tag", r.tag());
            entry.put("key", r.explanation().key());
            entry.put("args", r.explanation().args());
            stored.add(entry);
        }
        return stored;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing reasons could not be serialised", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored facts could not be read", e);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
