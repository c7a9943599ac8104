package org.refugio.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.Deadline;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.FollowUp;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.LocalizedText;
import org.refugio.api.model.MatterReferral;
import org.refugio.api.model.Note;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ReasonCode;
import org.refugio.api.model.RulesetRef;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.VerificationTag;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.Evaluation.CriterionOutcome;
import org.refugio.eligibility.Evaluation.FollowUpItem;
import org.refugio.eligibility.Finding;
import org.refugio.eligibility.Message;
import org.refugio.eligibility.Output;
import org.refugio.eligibility.RuleInfo;
import org.refugio.explanation.Messages;
import org.refugio.ruleset.Ruleset;

/**
 * Turns an evaluation into the decision the API returns and stores: every criterion with the rule that
 * decided it, its citation as of the screening date, its verification tag, and its explanation in English
 * and Spanish.
 */
final class DecisionMapper {

    private final Ruleset ruleset;
    private final LocalDate asOf;
    private final TreeSet<String> tagsUsed = new TreeSet<>();

    private DecisionMapper(Ruleset ruleset, LocalDate asOf) {
        this.ruleset = ruleset;
        this.asOf = asOf;
    }

    static ScreeningDecision toDecision(UUID id, Instant decidedAt, LocalDate asOf, Ruleset ruleset,
                                        Evaluation evaluation) {
        return new DecisionMapper(ruleset, asOf).map(id, decidedAt, evaluation);
    }

    private ScreeningDecision map(UUID id, Instant decidedAt, Evaluation evaluation) {
        ScreeningDecision decision = new ScreeningDecision()
                .id(id)
                .asOfDate(asOf)
                .decidedAt(OffsetDateTime.ofInstant(decidedAt, ZoneOffset.UTC))
                .ruleset(new RulesetRef().version(ruleset.version()).sha256(ruleset.sha256()));
        for (Evaluation.ProgramOutcome p : evaluation.programs()) {
            decision.addProgramsItem(new ProgramResult()
                    .program(ProgramCode.valueOf(p.program().name()))
                    .status(status(p.status()))
                    .reasonCode(p.reason() == null ? null : ReasonCode.valueOf(p.reason().name()))
                    .scope(p.scope() == null ? null : ProgramResult.ScopeEnum.valueOf(p.scope().name()))
                    .criteria(criteria(p.criteria()))
                    .followUps(followUps(p.followUps()))
                    .deadlines(deadlines(p.deadlines()))
                    .notes(notes(p.notes())));
        }
        decision.setDerivatives(new ArrayList<>());
        for (Evaluation.DerivativeOutcome d : evaluation.derivatives()) {
            DerivativeResult result = new DerivativeResult()
                    .memberId(d.memberId())
                    .propertyClass(d.bestClass() == null ? null
                            : DerivativeResult.PropertyClassEnum.valueOf(d.bestClass().name()))
                    .status(status(d.status()))
                    .reasonCode(d.reason() == null ? null : ReasonCode.valueOf(d.reason().name()))
                    .followUps(followUps(d.followUps()))
                    .deadlines(deadlines(d.deadlines()))
                    .notes(notes(d.notes()));
            List<DerivativeClassResult> classes = new ArrayList<>();
            for (Evaluation.ClassOutcome c : d.classes()) {
                classes.add(new DerivativeClassResult()
                        .propertyClass(DerivativeClassResult.PropertyClassEnum.valueOf(c.derivativeClass().name()))
                        .status(status(c.status()))
                        .criteria(criteria(c.criteria())));
            }
            result.classesConsidered(classes).criteria(criteria(d.criteria()));
            decision.addDerivativesItem(result);
        }
        decision.legalAidReferral(referral(evaluation.referral()));
        decision.tasks(notes(evaluation.tasks()));
        decision.verificationTagsUsed(tagsUsed.stream().map(VerificationTag::fromValue).toList());
        return decision;
    }

    private LegalAidReferral referral(Evaluation.ReferralOutcome r) {
        LegalAidReferral referral = new LegalAidReferral()
                .referred(r.referred())
                .target(target(r.target()))
                .alternativeTargets(r.alternatives().stream().map(DecisionMapper::target).toList())
                .scope(r.scope() == null ? null : LegalAidReferral.ScopeEnum.valueOf(r.scope().name()))
                .urgent(r.urgent())
                .urgencyReasons(r.urgencyReasons().stream()
                        .map(u -> LegalAidReferral.UrgencyReasonsEnum.valueOf(u.name())).toList())
                .followUps(followUps(r.followUps()))
                .notes(notes(r.notes()));
        TreeSet<String> ruleIds = new TreeSet<>();
        Message explanation = null;
        for (Output.Referral choice : r.choices()) {
            ruleIds.add(choice.rule().ruleId());
            tagsUsed.add(choice.rule().tag());
            if (choice.matter() != null) {
                referral.addMatterReferralsItem(new MatterReferral()
                        .matter(choice.matter())
                        .target(target(choice.target()))
                        .ruleId(choice.rule().ruleId())
                        .explanation(text(choice.explanation())));
            } else if (choice.role() == Output.Role.PRIMARY && choice.target() == r.target()) {
                explanation = choice.explanation();
            }
        }
        for (Output.Urgency u : r.urgencies()) {
            ruleIds.add(u.rule().ruleId());
        }
        ruleIds.add("LA-01");
        if (referral.getMatterReferrals() == null) {
            referral.setMatterReferrals(new ArrayList<>());
        }
        if (explanation == null) {
            throw new IllegalStateException("the referral's target " + r.target() + " has no rule that chose it");
        }
        return referral.ruleIds(List.copyOf(ruleIds)).explanation(text(explanation));
    }

    private List<CriterionResult> criteria(List<CriterionOutcome> outcomes) {
        List<CriterionResult> results = new ArrayList<>();
        for (CriterionOutcome c : outcomes) {
            for (Finding f : c.findings()) {
                RuleInfo rule = f.rule();
                tagsUsed.add(rule.tag());
                results.add(new CriterionResult()
                        .criterion(c.criterion())
                        .ruleId(rule.ruleId())
                        .rule(rule.name())
                        .subject(f.subject())
                        .status(status(f.status()))
                        .reasonCode(f.reason() == null ? null : ReasonCode.valueOf(f.reason().name()))
                        .decisive(c.decisive())
                        .citation(ruleset.legalSources().citation(rule.ruleId(), asOf))
                        .verificationTag(VerificationTag.fromValue(rule.tag()))
                        .explanation(text(f.explanation())));
            }
        }
        return results;
    }

    private List<FollowUp> followUps(List<FollowUpItem> items) {
        List<FollowUp> followUps = new ArrayList<>();
        for (FollowUpItem item : items) {
            followUps.add(new FollowUp()
                    .ruleId(item.rule().ruleId())
                    .code(item.question().key())
                    .subject(item.subject())
                    .question(text(item.question())));
        }
        return followUps;
    }

    private List<Deadline> deadlines(List<Output.Deadline> items) {
        List<Deadline> deadlines = new ArrayList<>();
        for (Output.Deadline d : items) {
            deadlines.add(new Deadline()
                    .ruleId(d.rule().ruleId())
                    .code(d.description().key())
                    .date(d.date())
                    .memberId(d.memberId())
                    .description(text(d.description())));
        }
        return deadlines;
    }

    private List<Note> notes(List<Output.Note> items) {
        List<Note> notes = new ArrayList<>();
        for (Output.Note n : items) {
            notes.add(new Note()
                    .ruleId(n.rule().ruleId())
                    .code(n.text().key())
                    .kind(Note.KindEnum.valueOf(n.kind().name()))
                    .subject(n.subject())
                    .citation(ruleset.legalSources().citation(n.rule().ruleId(), asOf))
                    .verificationTag(VerificationTag.fromValue(n.rule().tag()))
                    .text(text(n.text())));
        }
        return notes;
    }

    private LocalizedText text(Message message) {
        Messages messages = ruleset.messages();
        return new LocalizedText()
                .en(messages.render(message, Messages.ENGLISH))
                .es(messages.render(message, Messages.SPANISH));
    }

    private static org.refugio.api.model.Status status(org.refugio.eligibility.Status status) {
        return org.refugio.api.model.Status.valueOf(status.name());
    }

    private static org.refugio.api.model.ReferralTarget target(org.refugio.eligibility.ReferralTarget target) {
        return org.refugio.api.model.ReferralTarget.valueOf(target.name());
    }
}
