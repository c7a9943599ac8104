package org.refugio.eligibility.drools;

import java.time.LocalDate;

import org.kie.api.runtime.rule.RuleContext;
import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.Finding;
import org.refugio.eligibility.Message;
import org.refugio.eligibility.NoteKind;
import org.refugio.eligibility.Output;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.eligibility.RuleInfo;
import org.refugio.eligibility.Status;
import org.refugio.eligibility.UrgencyReason;
import org.refugio.eligibility.facts.DerivativeDeadline;
import org.refugio.eligibility.facts.FamilyMember;
import org.refugio.eligibility.facts.ReferralChoice;
import org.refugio.eligibility.facts.UrgentReferral;

/**
 * The verbs a rule's consequence uses ({@code import function} in the DRL files). Each records what the
 * rule decided together with the rule's own metadata (rule ID, citation, verification tag), so a rule's
 * consequence only says the outcome and the message key that explains it.
 */
public final class RuleActions {

    private RuleActions() {
    }

    public static Finding eligible(RuleContext k, String key, Object... args) {
        return decide(k, Status.ELIGIBLE, key, args);
    }

    public static Finding likely(RuleContext k, String key, Object... args) {
        return decide(k, Status.LIKELY_ELIGIBLE, key, args);
    }

    public static Finding needsInfo(RuleContext k, String key, Object... args) {
        return decide(k, Status.NEEDS_MORE_INFORMATION, key, args);
    }

    public static Finding notEligible(RuleContext k, String key, Object... args) {
        return decide(k, Status.NOT_ELIGIBLE, key, args);
    }

    public static Finding decide(RuleContext k, Status status, String key, Object... args) {
        SessionDecisions d = decisions(k);
        Finding finding = new Finding(d.rule(k.getRule()), status, Message.of(key, args));
        d.add(finding);
        return finding;
    }

    /** A question to ask whatever the criterion's value. */
    public static void ask(RuleContext k, String key, Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.FollowUp(d.rule(k.getRule()), null, null, Message.of(key, args)));
    }

    public static void askAboutMember(RuleContext k, FamilyMember member, String key, Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.FollowUp(d.rule(k.getRule()), member.subject(), member.id(), Message.of(key, args)));
    }

    public static void deadline(RuleContext k, LocalDate date, String key, Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Deadline(d.rule(k.getRule()), date, null, Message.of(key, args)));
    }

    public static void memberDeadline(RuleContext k, FamilyMember member, LocalDate date, String key,
                                      Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Deadline(d.rule(k.getRule()), date, member.id(), Message.of(key, args)));
        k.getKieRuntime().insert(new DerivativeDeadline(member.id(), date));
    }

    public static void attorneyReview(RuleContext k, String key, Object... args) {
        note(k, NoteKind.ATTORNEY_REVIEW, null, key, args);
    }

    public static void memberAttorneyReview(RuleContext k, FamilyMember member, String key, Object... args) {
        note(k, NoteKind.ATTORNEY_REVIEW, member.id(), key, args);
    }

    public static void info(RuleContext k, String key, Object... args) {
        note(k, NoteKind.INFO, null, key, args);
    }

    /** An informational note about one recorded relative, on the result the rule informs (K-28, U-11). */
    public static void infoAbout(RuleContext k, FamilyMember member, String key, Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Note(d.rule(k.getRule()), NoteKind.INFO, member.subject(), null, Message.of(key, args)));
    }

    /** Something the law requires of the screener now (e.g. the HHS-E-03 24-hour notice). */
    public static void task(RuleContext k, String key, Object... args) {
        note(k, NoteKind.TASK, null, key, args);
    }

    public static void candidate(RuleContext k, FamilyMember member, DerivativeClass derivativeClass) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Candidate(d.rule(k.getRule()), member.id(), derivativeClass));
    }

    public static void refer(RuleContext k, ReferralTarget target, String key, Object... args) {
        referral(k, Output.Role.PRIMARY, target, null, key, args);
    }

    public static void alsoRefer(RuleContext k, ReferralTarget target, String key, Object... args) {
        referral(k, Output.Role.ALTERNATIVE, target, null, key, args);
    }

    public static void referMatter(RuleContext k, String matter, ReferralTarget target, String key, Object... args) {
        referral(k, Output.Role.PRIMARY, target, matter, key, args);
    }

    public static void urgent(RuleContext k, UrgencyReason reason) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Urgency(d.rule(k.getRule()), reason));
        k.getKieRuntime().insert(new UrgentReferral(reason));
    }

    private static void referral(RuleContext k, Output.Role role, ReferralTarget target, String matter, String key,
                                 Object... args) {
        SessionDecisions d = decisions(k);
        d.add(new Output.Referral(d.rule(k.getRule()), role, target, matter, Message.of(key, args)));
        k.getKieRuntime().insert(new ReferralChoice(target, role == Output.Role.PRIMARY, matter));
    }

    private static void note(RuleContext k, NoteKind kind, String memberId, String key, Object... args) {
        SessionDecisions d = decisions(k);
        RuleInfo rule = d.rule(k.getRule());
        d.add(new Output.Note(rule, kind, null, memberId, Message.of(key, args)));
    }

    private static SessionDecisions decisions(RuleContext k) {
        return (SessionDecisions) k.getKieRuntime().getGlobal("decisions");
    }
}
