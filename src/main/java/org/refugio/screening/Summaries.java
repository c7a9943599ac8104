package org.refugio.screening;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.refugio.api.model.CodeRef;
import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.Deadline;
import org.refugio.api.model.DeadlineSummary;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.DerivativeSummary;
import org.refugio.api.model.FollowUp;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.LegalAidReferralSummary;
import org.refugio.api.model.Note;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ProgramSummary;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningSummary;

/**
 * The compact view of a decision (view=summary, issue 14): statuses, decisive rule IDs, follow-up codes and
 * deadlines, copied from the decision without touching a single explanation, citation or question text. The stored
 * decision is unchanged; only this answer is smaller.
 */
public final class Summaries {

    private Summaries() {
    }

    public static ScreeningSummary of(ScreeningDecision d) {
        ScreeningSummary summary = new ScreeningSummary()
                .id(d.getId())
                .view(ScreeningSummary.ViewEnum.SUMMARY)
                .asOfDate(d.getAsOfDate())
                .decidedAt(d.getDecidedAt())
                .ruleset(d.getRuleset() == null ? null : d.getRuleset().getVersion())
                .programs(map(d.getPrograms(), Summaries::program))
                .derivatives(map(d.getDerivatives(), Summaries::derivative))
                .legalAidReferral(referral(d.getLegalAidReferral()))
                .verificationTagsUsed(d.getVerificationTagsUsed());
        if (d.getTasks() != null && !d.getTasks().isEmpty()) {
            summary.taskCodes(map(d.getTasks(), Summaries::code));
        }
        return summary;
    }

    /** The rule IDs of the criteria that gave a program (or a derivative) its value, in their order. */
    public static List<String> decisiveRuleIds(List<CriterionResult> criteria) {
        return criteria == null ? List.of() : criteria.stream().filter(c -> Boolean.TRUE.equals(c.getDecisive()))
                .map(CriterionResult::getRuleId).filter(Objects::nonNull).toList();
    }

    private static ProgramSummary program(ProgramResult p) {
        return new ProgramSummary()
                .program(p.getProgram())
                .status(p.getStatus())
                .reasonCode(p.getReasonCode())
                .scope(p.getScope() == null ? null : ProgramSummary.ScopeEnum.fromValue(p.getScope().getValue()))
                .decisiveRuleIds(decisiveRuleIds(p.getCriteria()))
                .followUpCodes(map(p.getFollowUps(), Summaries::code))
                .deadlines(map(p.getDeadlines(), Summaries::deadline));
    }

    private static DerivativeSummary derivative(DerivativeResult r) {
        return new DerivativeSummary()
                .memberId(r.getMemberId())
                .propertyClass(r.getPropertyClass() == null ? null
                        : DerivativeSummary.PropertyClassEnum.fromValue(r.getPropertyClass().getValue()))
                .status(r.getStatus())
                .reasonCode(r.getReasonCode())
                .decisiveRuleIds(decisiveRuleIds(r.getCriteria()))
                .followUpCodes(map(r.getFollowUps(), Summaries::code))
                .deadlines(map(r.getDeadlines(), Summaries::deadline));
    }

    private static LegalAidReferralSummary referral(LegalAidReferral r) {
        if (r == null) {
            return null;
        }
        return new LegalAidReferralSummary()
                .referred(r.getReferred())
                .target(r.getTarget())
                .alternativeTargets(r.getAlternativeTargets())
                .scope(r.getScope() == null ? null : LegalAidReferralSummary.ScopeEnum.fromValue(r.getScope().getValue()))
                .urgent(r.getUrgent())
                .urgencyReasons(r.getUrgencyReasons() == null ? null : r.getUrgencyReasons().stream()
                        .map(u -> LegalAidReferralSummary.UrgencyReasonsEnum.fromValue(u.getValue())).toList())
                .ruleIds(r.getRuleIds())
                .followUpCodes(r.getFollowUps() == null || r.getFollowUps().isEmpty() ? null
                        : map(r.getFollowUps(), Summaries::code));
    }

    private static CodeRef code(FollowUp f) {
        return new CodeRef().ruleId(f.getRuleId()).code(f.getCode()).subject(f.getSubject());
    }

    private static CodeRef code(Note n) {
        return new CodeRef().ruleId(n.getRuleId()).code(n.getCode()).subject(n.getSubject());
    }

    private static DeadlineSummary deadline(Deadline d) {
        return new DeadlineSummary().ruleId(d.getRuleId()).code(d.getCode()).date(d.getDate()).memberId(d.getMemberId());
    }

    private static <T, R> List<R> map(List<T> list, Function<T, R> f) {
        return list == null ? List.of() : list.stream().map(f).toList();
    }
}
