package org.refugio.eligibility;

import java.time.LocalDate;

/**
 * What rules emit beside findings: questions, deadlines, notes and referral choices. Each is attached
 * to the program (or family member) of the rule that emitted it.
 */
public sealed interface Output {

    RuleInfo rule();

    /** A question to ask whatever the value of the criterion (e.g. the 212(a)(2)(D) follow-up of T1-08). */
    record FollowUp(RuleInfo rule, String subject, String memberId, Message question) implements Output { }

    record Deadline(RuleInfo rule, LocalDate date, String memberId, Message description) implements Output { }

    record Note(RuleInfo rule, NoteKind kind, String subject, String memberId, Message text) implements Output { }

    /** A derivative class the relative's relationship makes possible (TD-02..TD-04). */
    record Candidate(RuleInfo rule, String memberId, DerivativeClass derivativeClass) implements Output { }

    enum Role { PRIMARY, ALTERNATIVE }

    record Referral(RuleInfo rule, Role role, ReferralTarget target, String matter, Message explanation)
            implements Output { }

    record Urgency(RuleInfo rule, UrgencyReason reason) implements Output { }
}
