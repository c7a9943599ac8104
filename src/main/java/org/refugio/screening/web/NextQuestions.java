package org.refugio.screening.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.FollowUp;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.Status;

/**
 * The questions to ask next, from a decision screened on the facts so far: only the follow-ups of results still
 * NEEDS_MORE_INFORMATION (programs and relatives), each once, left out those answered "I don't know" and those that
 * are actions rather than questions; the one that could move more results first, and within the same reach the
 * less sensitive first (trauma-informed order: situation before violence and sexual exploitation).
 */
final class NextQuestions {

    /** One question to ask: the engine's follow-up, which results wait for it, and the facts that answer it. */
    record Question(String id, String code, String subject, String memberId, String ruleId, String text,
                    Set<String> waiting, boolean sensitive, int order) {

        public int reach() {
            return waiting.size();
        }
    }

    private NextQuestions() {
    }

    static String id(String code, String subject) {
        return code + "|" + (subject == null ? "" : subject);
    }

    /** Every open question, ranked (first = most decisive). */
    static List<Question> rank(ScreeningDecision decision, Set<String> unknown) {
        Map<String, Question> found = new LinkedHashMap<>();
        int order = 0;
        for (ProgramResult p : each(decision.getPrograms())) {
            if (p.getStatus() == Status.NEEDS_MORE_INFORMATION) {
                for (FollowUp f : each(p.getFollowUps())) {
                    order = add(found, f, p.getProgram().getValue(), unknown, order);
                }
            }
        }
        for (DerivativeResult d : each(decision.getDerivatives())) {
            if (d.getStatus() == Status.NEEDS_MORE_INFORMATION) {
                for (FollowUp f : each(d.getFollowUps())) {
                    order = add(found, f, "family/" + d.getMemberId(), unknown, order);
                }
            }
        }
        List<Question> ranked = new ArrayList<>(found.values());
        ranked.sort(Comparator.comparingInt(Question::reach).reversed()
                .thenComparing(Question::sensitive)
                .thenComparingInt(Question::order));
        return ranked;
    }

    /**
     * The questions for one page: the most decisive first; a sensitive question is never the first of a page
     * while a plain one is still open.
     */
    static List<Question> page(List<Question> ranked, int size) {
        List<Question> page = new ArrayList<>(ranked.subList(0, Math.min(size, ranked.size())));
        if (!page.isEmpty() && page.get(0).sensitive()) {
            ranked.stream().filter(q -> !q.sensitive()).findFirst().ifPresent(plain -> {
                page.remove(plain);
                page.add(0, plain);
                if (page.size() > size) {
                    page.remove(page.size() - 1);
                }
            });
        }
        return page;
    }

    private static int add(Map<String, Question> found, FollowUp f, String waiting, Set<String> unknown, int order) {
        if (QuestionCatalog.ACTIONS.contains(f.getCode())) {
            return order;
        }
        String id = id(f.getCode(), f.getSubject());
        if (unknown.contains(id)) {
            return order;
        }
        Question known = found.get(id);
        if (known != null) {
            known.waiting().add(waiting);
            return order;
        }
        String memberId = f.getSubject() != null && f.getSubject().startsWith("family/")
                ? f.getSubject().substring("family/".length()) : null;
        boolean sensitive = QuestionCatalog.entry(f.getCode()).map(QuestionCatalog.Entry::sensitive).orElse(false);
        Set<String> waitingFor = new LinkedHashSet<>();
        waitingFor.add(waiting);
        found.put(id, new Question(id, f.getCode(), f.getSubject(), memberId, f.getRuleId(),
                f.getQuestion() == null ? f.getCode() : f.getQuestion().getText(), waitingFor, sensitive, order));
        return order + 1;
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
