package org.refugio.eligibility;

import java.util.List;
import java.util.Map;

/** Everything the rules decided about one person, combined as G-02 says. */
public record Evaluation(List<ProgramOutcome> programs, List<DerivativeOutcome> derivatives,
                         ReferralOutcome referral, List<Output.Note> tasks) {

    /**
     * The rows that gave a criterion its value, with the criterion's combined value and its value per subject
     * (the subject null is the person).
     */
    public record CriterionOutcome(String criterion, Status status, boolean decisive, List<Finding> findings,
                                   Map<String, Status> bySubject) { }

    public record ProgramOutcome(Program program, Status status, ReasonCode reason, LscScope scope,
                                 List<CriterionOutcome> criteria, List<FollowUpItem> followUps,
                                 List<Output.Deadline> deadlines,
                                 List<Output.Note> notes) {

        /**
         * The same outcome with the questions and notes known at the end of the evaluation: informational rules run
         * after the program is decided (K-28 notes; K-00 questions that depend on the program's value).
         */
        public ProgramOutcome withLateOutputs(List<FollowUpItem> allFollowUps, List<Output.Note> allNotes) {
            return new ProgramOutcome(program, status, reason, scope, criteria, allFollowUps, deadlines, allNotes);
        }
    }

    /** A follow-up question with the rule that asks it and what it is about. */
    public record FollowUpItem(RuleInfo rule, String subject, Message question) { }

    public record ClassOutcome(DerivativeClass derivativeClass, Status status, List<CriterionOutcome> criteria) { }

    /** A relative's best class (null when no class fits), and the criteria that decided it. */
    public record DerivativeOutcome(String memberId, DerivativeClass bestClass, Status status, ReasonCode reason,
                                    List<ClassOutcome> classes, List<CriterionOutcome> criteria,
                                    List<FollowUpItem> followUps,
                                    List<Output.Deadline> deadlines, List<Output.Note> notes) { }

    public record ReferralOutcome(ReferralTarget target, List<ReferralTarget> alternatives, LscScope scope,
                                  boolean urgent, List<UrgencyReason> urgencyReasons,
                                  List<Output.Referral> choices, List<Output.Urgency> urgencies,
                                  List<FollowUpItem> followUps, List<Output.Note> notes) {

        /** LA-01: every screened case is referred, whatever the program results. */
        public boolean referred() {
            return true;
        }
    }

    public ProgramOutcome program(Program program) {
        return programs.stream().filter(p -> p.program() == program).findFirst().orElseThrow();
    }
}
