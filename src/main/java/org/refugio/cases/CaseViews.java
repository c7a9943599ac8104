package org.refugio.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.CaseClosure;
import org.refugio.api.model.CaseScreening;
import org.refugio.api.model.CaseStep;
import org.refugio.api.model.LegalAidCase;
import org.refugio.api.model.LocalizedText;
import org.refugio.api.model.OverrideReasonCode;
import org.refugio.api.model.ProgramStatus;
import org.refugio.api.model.Referral;
import org.refugio.api.model.RoutingFacts;
import org.refugio.api.model.RoutingReason;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningReference;
import org.refugio.api.model.VerificationTag;
import org.refugio.eligibility.Message;
import org.refugio.explanation.Messages;
import org.refugio.problem.NotFoundException;
import org.refugio.providers.Provider;
import org.refugio.providers.ProviderDirectory;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.Language;
import org.refugio.screening.Localizer;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.refugio.workflow.CaseWorkflow;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A case as the API shows it: status, the steps it waits in, its screening and every referral with its reasons. */
@Component
public class CaseViews {

    private final CaseRepository cases;
    private final ReferralRepository referrals;
    private final ScreeningService screenings;
    private final ProviderDirectory directory;
    private final Rulesets rulesets;
    private final CaseWorkflow workflow;
    private final CurrentActor actors;
    private final ObjectMapper json;

    CaseViews(CaseRepository cases, ReferralRepository referrals, ScreeningService screenings,
              ProviderDirectory directory, Rulesets rulesets, CaseWorkflow workflow, CurrentActor actors,
              ObjectMapper json) {
        this.cases = cases;
        this.referrals = referrals;
        this.screenings = screenings;
        this.directory = directory;
        this.rulesets = rulesets;
        this.workflow = workflow;
        this.actors = actors;
        this.json = json;
    }

    /** The case with its current screening by reference and embedded in full (GET case, open case, the pages). */
    @Transactional(readOnly = true)
    public LegalAidCase view(UUID caseId, Language language) {
        return view(caseId, language, true);
    }

    /**
     * The case; its current screening always by reference ({@code screeningRef}), embedded in full only when
     * {@code embedScreening} (task answers leave it out, issue 14).
     */
    @Transactional(readOnly = true)
    public LegalAidCase view(UUID caseId, Language language, boolean embedScreening) {
        CaseRecord c = cases.find(caseId).filter(found -> CaseService.mayRead(found, actors.get()))
                .orElseThrow(() -> new NotFoundException("No case has id " + caseId + "."));
        LegalAidCase view = new LegalAidCase()
                .id(c.id())
                .status(org.refugio.api.model.CaseStatus.valueOf(c.status().name()))
                .openedAt(time(c.openedAt()))
                .openedBy(c.openedBy())
                .currentSteps(workflow.currentSteps(c.process()).stream().map(s -> CaseStep.valueOf(s.name())).toList())
                .screenings(cases.screenings(caseId).stream().map(s -> new CaseScreening(s.screeningId(),
                        time(s.screenedAt()), CaseScreening.TriggerEnum.valueOf(s.trigger()))).toList());
        if (c.target() != null) {
            view.routing(new RoutingFacts()
                    .target(org.refugio.api.model.ReferralTarget.valueOf(c.target().name()))
                    .alternativeTargets(c.alternativeTargets().stream()
                            .map(t -> org.refugio.api.model.ReferralTarget.valueOf(t.name())).toList())
                    .scope(c.scope() == null ? null : RoutingFacts.ScopeEnum.valueOf(c.scope().name()))
                    .urgent(Boolean.TRUE.equals(c.urgent()))
                    .urgencyReasons(c.urgencyReasons().stream().map(RoutingFacts.UrgencyReasonsEnum::valueOf).toList())
                    .clientLanguages(List.copyOf(c.clientLanguages()))
                    .minor(c.minor())
                    .country(c.country())
                    .state(c.state())
                    .detained(c.detained())
                    .needsMoreInformation(c.needsMoreInformation()));
        }
        if (c.screeningId() != null && c.target() != null) {
            screenings.find(c.screeningId(), Actor.SYSTEM).ifPresent(d -> {
                view.screeningRef(reference(d));
                if (embedScreening) {
                    view.screening(Localizer.localize(d, language));
                }
            });
        }
        Map<UUID, String> names = directory.list(null).stream()
                .collect(Collectors.toMap(Provider::id, Provider::name));
        List<Referral> history = new ArrayList<>();
        for (ReferralRecord r : referrals.ofCase(caseId)) {
            history.add(referral(r, names, language));
            if (ReferralStatus.OPEN.contains(r.status())) {
                view.currentReferralId(r.id());
            }
        }
        view.referrals(history);
        if (c.closedAt() != null) {
            view.closure(new CaseClosure()
                    .outcome(org.refugio.api.model.CaseStatus.valueOf(c.status().name()))
                    .closedAt(time(c.closedAt()))
                    .recordedBy(c.closedBy())
                    .reasonCode(c.closingReasonCode())
                    .reason(c.closingReason()));
        }
        return view;
    }

    static ScreeningReference reference(ScreeningDecision d) {
        ScreeningReference ref = new ScreeningReference()
                .id(d.getId())
                .href("/api/v1/screenings/" + d.getId())
                .decidedAt(d.getDecidedAt())
                .programs(d.getPrograms() == null ? List.of() : d.getPrograms().stream()
                        .map(p -> new ProgramStatus().program(p.getProgram()).status(p.getStatus())).toList());
        if (d.getLegalAidReferral() != null) {
            ref.referralTarget(d.getLegalAidReferral().getTarget()).urgent(d.getLegalAidReferral().getUrgent());
        }
        return ref;
    }

    private Referral referral(ReferralRecord r, Map<UUID, String> names, Language language) {
        return new Referral()
                .id(r.id())
                .attempt(r.attempt())
                .providerId(r.providerId())
                .providerName(names.get(r.providerId()))
                .target(org.refugio.api.model.ReferralTarget.valueOf(r.target().name()))
                .status(org.refugio.api.model.ReferralStatus.valueOf(r.status().name()))
                .chosenBy(Referral.ChosenByEnum.valueOf(r.chosenBy().name()))
                .chosenByUser(r.chosenByUser())
                .choiceReasonCode(r.choiceReasonCode() == null ? null : OverrideReasonCode.valueOf(r.choiceReasonCode()))
                .choiceReason(r.choiceReason())
                .ruleIds(r.ruleIds())
                .reasons(reasons(r.routingReasons(), language))
                .proposedAt(time(r.proposedAt()))
                .reviewedAt(time(r.reviewedAt()))
                .reviewedBy(r.reviewedBy())
                .reviewOutcome(r.reviewOutcome() == null ? null : Referral.ReviewOutcomeEnum.valueOf(r.reviewOutcome()))
                .sentAt(time(r.sentAt()))
                .responseDueAt(time(r.responseDueAt()))
                .respondedAt(time(r.respondedAt()))
                .respondedBy(r.respondedBy())
                .responseReasonCode(r.responseReasonCode())
                .responseReason(r.responseReason());
    }

    private List<RoutingReason> reasons(String stored, Language language) {
        if (stored == null) {
            return List.of();
        }
        Messages messages = rulesets.current().messages();
        Function<Map<String, Object>, RoutingReason> view = entry -> {
            @SuppressWarnings("unchecked")
            List<Object> args = (List<Object>) entry.getOrDefault("args", List.of());
            Message message = new Message((String) entry.get("key"), args);
            String en = render(messages, message, Messages.ENGLISH);
            String es = render(messages, message, Messages.SPANISH);
            return new RoutingReason()
                    .ruleId((String) entry.get("ruleId"))
                    .rule((String) entry.get("rule"))
                    .verificationTag(VerificationTag.fromValue((String) entry.get("tag")))
                    .explanation(new LocalizedText().en(en).es(es).text(language == Language.ES ? es : en));
        };
        try {
            List<Map<String, Object>> entries = json.readValue(stored, new TypeReference<>() { });
            return entries.stream().map(view).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored routing reasons could not be read", e);
        }
    }

    /** A key the ruleset no longer has (the rules changed since) is shown as the key rather than failing the read. */
    private static String render(Messages messages, Message message, java.util.Locale locale) {
        return messages.has(message.key()) ? messages.render(message, locale) : message.key();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
