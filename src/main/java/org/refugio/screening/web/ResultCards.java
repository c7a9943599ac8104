package org.refugio.screening.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.Deadline;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.FollowUp;
import org.refugio.api.model.Note;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.Status;
import org.refugio.api.model.VerificationTag;

/**
 * A decision as cards (issue 11 item 3): one per program, in the order a person needs them (urgent deadlines first,
 * then favourable results, then open questions, then the rest), each with its decisive reasons, citations, deadlines
 * with days left, next steps, and whether it leans on an unverified [U] rule. Texts are already in the interface
 * language ({@link org.refugio.screening.Localizer}).
 */
final class ResultCards {

    /** Days under which a deadline is urgent (a USWDS alert). */
    static final int URGENT_DAYS = 30;

    record Reason(String text, String ruleId, String citation, String tag, String subject) { }

    record Due(LocalDate date, long daysLeft, String text, String ruleId, String memberId) {
        public boolean urgent() {
            return daysLeft < URGENT_DAYS;
        }

        public boolean past() {
            return daysLeft < 0;
        }
    }

    record Card(String program, Status status, List<Reason> reasons, List<Due> deadlines, List<String> nextSteps,
                List<Reason> notes, boolean unverified) {

        public boolean urgent() {
            return deadlines.stream().anyMatch(Due::urgent);
        }

        public LocalDate firstDeadline() {
            return deadlines.isEmpty() ? LocalDate.MAX : deadlines.get(0).date();
        }

        public boolean notEligible() {
            return status == Status.NOT_ELIGIBLE;
        }
    }

    record Relative(String memberId, String derivativeClass, Status status, List<Reason> reasons, List<Due> deadlines,
                    List<String> nextSteps) { }

    private ResultCards() {
    }

    static List<Card> cards(ScreeningDecision decision, LocalDate today) {
        List<Card> cards = new ArrayList<>();
        for (ProgramResult p : each(decision.getPrograms())) {
            List<Reason> reasons = reasons(p.getCriteria(), p.getStatus());
            boolean unverified = reasons.stream().anyMatch(r -> VerificationTag.U.getValue().equals(r.tag()));
            cards.add(new Card(p.getProgram().getValue(), p.getStatus(), reasons, deadlines(p.getDeadlines(), today),
                    steps(p.getFollowUps()), notes(p.getNotes()), unverified));
        }
        cards.sort(Comparator.comparing((Card c) -> !c.urgent()).thenComparing(Card::firstDeadline)
                .thenComparingInt(c -> rank(c.status())));
        return cards;
    }

    static List<Relative> relatives(ScreeningDecision decision, LocalDate today) {
        List<Relative> relatives = new ArrayList<>();
        for (DerivativeResult d : each(decision.getDerivatives())) {
            relatives.add(new Relative(d.getMemberId(),
                    d.getPropertyClass() == null ? null : d.getPropertyClass().getValue(), d.getStatus(),
                    reasons(d.getCriteria(), d.getStatus()), deadlines(d.getDeadlines(), today),
                    steps(d.getFollowUps())));
        }
        return relatives;
    }

    /** The reasons that decided a result: its decisive criteria with the result's status, else every decisive one. */
    private static List<Reason> reasons(List<CriterionResult> criteria, Status status) {
        Map<String, Reason> reasons = new LinkedHashMap<>();
        List<CriterionResult> decisive = each(criteria).stream().filter(c -> Boolean.TRUE.equals(c.getDecisive()))
                .toList();
        List<CriterionResult> matching = decisive.stream().filter(c -> c.getStatus() == status).toList();
        for (CriterionResult c : matching.isEmpty() ? decisive : matching) {
            String text = c.getExplanation() == null ? c.getRuleId() : c.getExplanation().getText();
            reasons.putIfAbsent(text, new Reason(text, c.getRuleId(), c.getCitation(),
                    c.getVerificationTag() == null ? null : c.getVerificationTag().getValue(), c.getSubject()));
        }
        return List.copyOf(reasons.values());
    }

    private static List<Due> deadlines(List<Deadline> deadlines, LocalDate today) {
        return each(deadlines).stream()
                .map(d -> new Due(d.getDate(), ChronoUnit.DAYS.between(today, d.getDate()),
                        d.getDescription() == null ? d.getCode() : d.getDescription().getText(), d.getRuleId(),
                        d.getMemberId()))
                .sorted(Comparator.comparing(Due::date)).toList();
    }

    private static List<String> steps(List<FollowUp> followUps) {
        return each(followUps).stream().map(f -> f.getQuestion() == null ? f.getCode() : f.getQuestion().getText())
                .distinct().toList();
    }

    private static List<Reason> notes(List<Note> notes) {
        return each(notes).stream().map(n -> new Reason(n.getText() == null ? n.getCode() : n.getText().getText(),
                n.getRuleId(), n.getCitation(), n.getVerificationTag() == null ? null : n.getVerificationTag().getValue(),
                n.getSubject())).toList();
    }

    private static int rank(Status status) {
        return switch (status) {
            case ELIGIBLE -> 0;
            case LIKELY_ELIGIBLE -> 1;
            case NEEDS_MORE_INFORMATION -> 2;
            case NOT_ELIGIBLE -> 3;
        };
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
