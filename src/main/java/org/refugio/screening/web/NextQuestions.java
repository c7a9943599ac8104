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
        // A likely HHS certification that a recorded route could make firm (HHS-C-01(c): a bona fide T application
        // or Continued Presence): the engine asks nothing for a likely result, so the interview asks the T process
        // once (Continued Presence is asked with the contact with law enforcement).
        for (ProgramResult p : each(decision.getPrograms())) {
            if ("HHS_CERTIFICATION".equals(p.getProgram().getValue()) && p.getStatus() == Status.LIKELY_ELIGIBLE) {
                order = add(found, new FollowUp().code("ask.filing-and-approval-dates").ruleId("HHS-C-01(c)"),
                        p.getProgram().getValue(), unknown, order);
            }
        }
        List<Question> ranked = new ArrayList<>(found.values());
        ranked.sort(Comparator.comparingInt(Question::reach).reversed()
                .thenComparing(Question::sensitive)
                .thenComparingInt(Question::order));
        return ranked;
    }

    /**
     * The elements of trafficking (TIP-01..TIP-04: what was done, by what means, for what purpose), asked together
     * on one page, per kind of victimization, with the rule that asks each.
     */
    private static final Map<String, List<String[]>> ELEMENTS = Map.of(
            "SEX", List.of(new String[] {"ask.trafficking-acts", "TIP-01"}, new String[] {"ask.means", "TIP-03"},
                    new String[] {"ask.commercial-sex", "TIP-02"}),
            "LABOR", List.of(new String[] {"ask.trafficking-acts", "TIP-04(a)"},
                    new String[] {"ask.means", "TIP-04(b)"}, new String[] {"ask.labor-purpose", "TIP-04(c)"}));

    private static final Set<String> ELEMENT_CODES = Set.of("ask.trafficking-acts", "ask.means",
            "ask.commercial-sex", "ask.labor-purpose", "ask.age-at-first-act");

    /**
     * The page of trafficking elements, once the caseworker has answered a first page (trauma-informed: the
     * situation first, never the violence first): while the engine still asks any element of a victimization whose
     * kind is known, every element of it not yet answered is asked on one page, so the trafficking indication does
     * not wait for each element to rise to the top of the ranking one at a time (the engine asks the means, for
     * instance, only once the age at the act is known). Empty when no such page is due.
     */
    static List<Question> elementsPage(List<Question> ranked, int askedSoFar, Map<String, String> kindBySubject,
                                       Set<String> settled) {
        if (askedSoFar == 0) {
            return List.of();
        }
        for (Question open : ranked) {
            if (!ELEMENT_CODES.contains(open.code()) || open.subject() == null
                    || !ELEMENTS.containsKey(kindBySubject.getOrDefault(open.subject(), ""))) {
                continue;
            }
            List<Question> page = new ArrayList<>();
            int order = -100;
            for (String[] element : ELEMENTS.get(kindBySubject.get(open.subject()))) {
                String id = id(element[0], open.subject());
                if (settled.contains(id)) {
                    continue;
                }
                Question q = ranked.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
                if (q == null) {
                    boolean sensitive = QuestionCatalog.entry(element[0]).map(QuestionCatalog.Entry::sensitive)
                            .orElse(false);
                    Set<String> waiting = new LinkedHashSet<>();
                    waiting.add("TRAFFICKING_INDICATED");
                    q = new Question(id, element[0], open.subject(), null, element[1], null, waiting, sensitive,
                            order++);
                }
                page.add(q);
            }
            if (!page.isEmpty()) {
                return page;
            }
        }
        return List.of();
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

    /** The kind of each recorded victimization, by its follow-up subject (victimizations/0: LABOR). */
    static Map<String, String> kinds(com.fasterxml.jackson.databind.JsonNode facts) {
        Map<String, String> kinds = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.JsonNode list = facts.path("victimizations");
        for (int i = 0; i < list.size(); i++) {
            String kind = list.get(i).path("kind").asText("");
            if (!kind.isEmpty()) {
                kinds.put("victimizations/" + i, kind);
            }
        }
        return kinds;
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
