package org.refugio.screening.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.api.model.Status;
import org.refugio.problem.UnprocessableException;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.InvalidFactsException;
import org.refugio.screening.Language;
import org.refugio.screening.Localizer;
import org.refugio.screening.ScreeningService;
import org.refugio.security.CurrentActor;
import org.refugio.web.PageController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The guided screening (issue 11 item 2): the few facts that open most doors first, then after each step the facts
 * are screened in-process by the screening service the API uses (nothing stored) and the next page asks only the
 * follow-up questions the engine returns for results still NEEDS_MORE_INFORMATION, most decisive first. "I don't
 * know" keeps a fact unknown and the question is not asked again. Saving stores the screening as
 * POST /api/v1/screenings does.
 */
@PageController
class GuidedScreeningController {

    /** Questions on one page: a few that belong together, not a wall. */
    static final int PAGE_SIZE = 4;

    /** What a question page shows for one fact: the field and what is recorded (for a change). */
    record FieldView(FactField field, String value, List<String> values) { }

    record QuestionView(NextQuestions.Question question, List<FieldView> fields, String citation, String ruleName,
                        String tag) { }

    record FieldError(String fieldId, String messageKey) { }

    private final ScreeningService screenings;
    private final Rulesets rulesets;
    private final CurrentActor actor;
    private final ObjectMapper json;

    GuidedScreeningController(ScreeningService screenings, Rulesets rulesets, CurrentActor actor, ObjectMapper json) {
        this.screenings = screenings;
        this.rulesets = rulesets;
        this.actor = actor;
        this.json = json;
    }

    @GetMapping("/screenings/new")
    String start(HttpSession session, Model model) {
        GuidedInterview interview = interview(session);
        if (interview.started()) {
            return "redirect:/screenings/new/questions";
        }
        model.addAttribute("fields", views(interview, QuestionCatalog.START.stream()
                .map(p -> FactField.of(p, concrete(p, null, interview))).toList()));
        model.addAttribute("errors", List.of());
        return "screening/start";
    }

    @PostMapping("/screenings/new")
    String started(HttpServletRequest request, HttpSession session, Model model) {
        GuidedInterview interview = interview(session);
        ObjectNode before = interview.facts().deepCopy();
        List<FactField> fields = QuestionCatalog.START.stream()
                .map(p -> FactField.of(p, concrete(p, null, interview))).toList();
        interview.set("userRole", TextNode.valueOf("NGO_CASEWORKER"));
        String asOf = request.getParameter("asOfDate");
        List<FieldError> errors = new ArrayList<>();
        if (asOf != null && !asOf.isBlank()) {
            try {
                interview.set("asOfDate", TextNode.valueOf(LocalDate.parse(asOf.trim()).toString()));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("f-asOfDate", "screening.error.date"));
            }
        }
        errors.addAll(apply(interview, fields, request));
        errors.addAll(check(interview));
        if (!errors.isEmpty()) {
            interview.replaceFacts(before);
            model.addAttribute("fields", views(interview, fields));
            model.addAttribute("errors", errors);
            return "screening/start";
        }
        interview.markStarted();
        return "redirect:/screenings/new/questions";
    }

    @GetMapping("/screenings/new/questions")
    String questions(HttpSession session, Model model) {
        GuidedInterview interview = interview(session);
        if (!interview.started()) {
            return "redirect:/screenings/new";
        }
        return questionPage(interview, model, List.of());
    }

    @PostMapping("/screenings/new/questions")
    String answered(HttpServletRequest request, HttpSession session, Model model,
                    @RequestParam(value = "shown", required = false) List<String> shown,
                    @RequestParam(value = "action", defaultValue = "next") String action) {
        GuidedInterview interview = interview(session);
        if (!interview.started()) {
            return "redirect:/screenings/new";
        }
        ObjectNode before = interview.facts().deepCopy();
        List<FieldError> errors = new ArrayList<>();
        List<String> newlyUnknown = new ArrayList<>();
        for (String id : shown == null ? List.<String>of() : shown) {
            String code = id.substring(0, id.indexOf('|'));
            String subject = id.substring(id.indexOf('|') + 1);
            subject = subject.isEmpty() ? null : subject;
            if (!interview.asked().contains(id)) {
                interview.asked().add(id);
            }
            List<FactField> fields = fields(code, subject, interview);
            if (request.getParameter("dk:" + id) != null || fields.isEmpty()) {
                newlyUnknown.add(id);
                continue;
            }
            errors.addAll(apply(interview, fields, request));
            if (fields.stream().allMatch(f -> interview.get(f.name().replace("[]", "")) == null)) {
                newlyUnknown.add(id);
            }
        }
        errors.addAll(check(interview));
        if (!errors.isEmpty()) {
            interview.replaceFacts(before);
            return questionPage(interview, model, errors);
        }
        interview.unknown().addAll(newlyUnknown);
        if ("save".equals(action)) {
            return save(session);
        }
        return "redirect:/screenings/new/questions";
    }

    /** The facts the interview records to add a relative (who may follow the person: T-2..T-6, U derivatives). */
    static final List<String> RELATIVE = List.of("member.relationship", "member.age", "member.dateOfBirth",
            "member.location.country");

    /** A relative recorded so far, for the list on the questions page. */
    record RelativeView(String id, String relationship, String age) { }

    /**
     * Adds a relative to the facts (family[n] with a new id): the engine then judges the relative's derivative
     * relief and its follow-ups about the relative are asked like the others.
     */
    @PostMapping("/screenings/new/relatives")
    String addRelative(HttpServletRequest request, HttpSession session, Model model) {
        GuidedInterview interview = interview(session);
        if (!interview.started()) {
            return "redirect:/screenings/new";
        }
        ObjectNode before = interview.facts().deepCopy();
        int index = interview.facts().path("family").size();
        List<FactField> fields = relativeFields(index);
        List<FieldError> errors = new ArrayList<>(apply(interview, fields, request));
        if (interview.get("family[" + index + "].relationship") == null) {
            FactField relationship = fields.get(0);
            errors.add(new FieldError(relationship.radios() ? relationship.id() + "-0" : relationship.id(),
                    "screening.error.relationship"));
        }
        if (errors.isEmpty()) {
            String id = "relative-" + (index + 1);
            while (interview.memberIndex(id) >= 0) {
                id = id + "b";
            }
            interview.set("family[" + index + "].id", TextNode.valueOf(id));
            errors.addAll(check(interview));
        }
        if (!errors.isEmpty()) {
            interview.replaceFacts(before);
            model.addAttribute("relativeErrors", true);
            return questionPage(interview, model, errors);
        }
        return "redirect:/screenings/new/questions#relatives";
    }

    private static List<FactField> relativeFields(int index) {
        return RELATIVE.stream().map(p -> FactField.of(p, "family[" + index + "]." + p.substring("member.".length())))
                .toList();
    }

    @PostMapping("/screenings/new/save")
    String save(HttpSession session) {
        GuidedInterview interview = interview(session);
        if (!interview.started()) {
            return "redirect:/screenings/new";
        }
        ScreeningDecision decision = screenings.screen(facts(interview), actor.get());
        session.removeAttribute(GuidedInterview.SESSION_KEY);
        return "redirect:/screenings/" + decision.getId() + "?saved";
    }

    @PostMapping("/screenings/new/restart")
    String restart(HttpSession session) {
        session.removeAttribute(GuidedInterview.SESSION_KEY);
        return "redirect:/screenings/new";
    }

    private String questionPage(GuidedInterview interview, Model model, List<FieldError> errors) {
        ScreeningDecision decision = Localizer.localize(screenings.preview(facts(interview)), language());
        List<NextQuestions.Question> ranked = NextQuestions.rank(decision, interview.settled());
        LocalDate asOf = decision.getAsOfDate();
        var ruleset = rulesets.current();
        Map<String, org.refugio.eligibility.RuleInfo> rules = new LinkedHashMap<>();
        ruleset.allRules().forEach(r -> rules.putIfAbsent(org.refugio.eligibility.RuleInfo.baseId(r.ruleId()), r));
        List<QuestionView> page = new ArrayList<>();
        for (NextQuestions.Question q : page(ranked, interview)) {
            var rule = rules.get(org.refugio.eligibility.RuleInfo.baseId(q.ruleId()));
            if (q.text() == null) {
                q = new NextQuestions.Question(q.id(), q.code(), q.subject(), q.memberId(), q.ruleId(),
                        ruleset.messages().render(new org.refugio.eligibility.Message(q.code(), List.of()),
                                language() == Language.ES ? org.refugio.explanation.Messages.SPANISH
                                        : org.refugio.explanation.Messages.ENGLISH),
                        q.waiting(), q.sensitive(), q.order());
            }
            page.add(new QuestionView(q, views(interview, fields(q.code(), q.subject(), interview)),
                    ruleset.legalSources().citation(q.ruleId(), asOf), rule == null ? null : rule.name(),
                    rule == null ? null : rule.tag()));
        }
        long decided = decision.getPrograms().stream().filter(p -> p.getStatus() != Status.NEEDS_MORE_INFORMATION)
                .count();
        model.addAttribute("decision", decision);
        model.addAttribute("questions", page);
        model.addAttribute("remaining", ranked.size());
        model.addAttribute("decided", decided);
        model.addAttribute("total", decision.getPrograms().size());
        model.addAttribute("askedSoFar", interview.asked().size());
        model.addAttribute("errors", errors);
        int next = interview.facts().path("family").size();
        model.addAttribute("relativeFields", views(interview, relativeFields(next)));
        List<RelativeView> relatives = new ArrayList<>();
        interview.facts().path("family").forEach(m -> relatives.add(new RelativeView(m.path("id").asText(""),
                m.hasNonNull("relationship") ? FactField.optionKey(m.get("relationship").asText()) : null,
                m.hasNonNull("age") ? m.get("age").asText() : m.path("dateOfBirth").asText(""))));
        model.addAttribute("relatives", relatives);
        return "screening/questions";
    }

    /** The next page: the trafficking elements together when due, otherwise the most decisive questions. */
    static List<NextQuestions.Question> page(List<NextQuestions.Question> ranked, GuidedInterview interview) {
        List<NextQuestions.Question> elements = NextQuestions.elementsPage(ranked, interview.asked().size(),
                NextQuestions.kinds(interview.facts()), interview.settled());
        return elements.isEmpty() ? NextQuestions.page(ranked, PAGE_SIZE) : elements;
    }

    /** The facts of a catalog entry for one question; a relative not in the facts has none to ask. */
    private List<FactField> fields(String code, String subject, GuidedInterview interview) {
        return QuestionCatalog.entry(code).map(e -> e.paths().stream()
                .filter(p -> !p.startsWith("member.") || memberIndex(subject, interview) >= 0)
                .map(p -> FactField.of(p, concrete(p, subject, interview))).toList()).orElse(List.of());
    }

    private static int memberIndex(String subject, GuidedInterview interview) {
        return subject == null || !subject.startsWith("family/") ? -1
                : interview.memberIndex(subject.substring("family/".length()));
    }

    /** The JSON path a catalog path writes for this question. */
    private static String concrete(String path, String subject, GuidedInterview interview) {
        if (path.startsWith("victimization.")) {
            return "victimizations[0]." + path.substring("victimization.".length());
        }
        if (path.startsWith("departure.")) {
            return "departures[0]." + path.substring("departure.".length());
        }
        if (path.startsWith("member.")) {
            return "family[" + memberIndex(subject, interview) + "]." + path.substring("member.".length());
        }
        return path;
    }

    private List<FieldView> views(GuidedInterview interview, List<FactField> fields) {
        List<FieldView> views = new ArrayList<>();
        for (FactField f : fields) {
            JsonNode value = interview.get(f.name().replace("[]", ""));
            List<String> values = new ArrayList<>();
            if (value instanceof ArrayNode a) {
                a.forEach(v -> values.add(v.asText()));
            }
            String single = value == null || value.isContainerNode() ? "" : value.asText();
            if (value instanceof ArrayNode a && a.isEmpty()) {
                single = "none";
            }
            views.add(new FieldView(f, single, values));
        }
        return views;
    }

    /** Records the submitted answers; a blank answer leaves the fact unknown. */
    private static List<FieldError> apply(GuidedInterview interview, List<FactField> fields, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<FactField> lists = new ArrayList<>();
        for (FactField f : fields) {
            String raw = request.getParameter(f.name());
            String text = raw == null ? "" : raw.trim();
            switch (f.kind()) {
                case NONE_OF_LIST -> lists.add(f);
                case BOOLEAN -> interview.set(f.name(), text.isEmpty() ? null : BooleanNode.valueOf("true".equals(text)));
                case ENUM -> interview.set(f.name(), f.options().contains(text) ? TextNode.valueOf(text) : null);
                case ENUM_LIST -> {
                    String[] chosen = request.getParameterValues(f.name());
                    List<String> picked = chosen == null ? List.of()
                            : java.util.Arrays.stream(chosen).filter(c -> f.options().contains(c) || "__none".equals(c))
                            .toList();
                    if (picked.contains("__none")) {
                        interview.set(f.name(), JsonNodeFactory.instance.arrayNode());
                    } else if (!picked.isEmpty()) {
                        ArrayNode array = JsonNodeFactory.instance.arrayNode();
                        picked.forEach(array::add);
                        interview.set(f.name(), array);
                    } else {
                        interview.set(f.name(), null);
                    }
                }
                case DATE -> {
                    try {
                        interview.set(f.name(), text.isEmpty() ? null : TextNode.valueOf(LocalDate.parse(text).toString()));
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(f.id(), "screening.error.date"));
                    }
                }
                case INTEGER -> {
                    try {
                        int n = text.isEmpty() ? -1 : Integer.parseInt(text);
                        if (!text.isEmpty() && n < 0) {
                            throw new NumberFormatException();
                        }
                        interview.set(f.name(), text.isEmpty() ? null : IntNode.valueOf(n));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(f.id(), "screening.error.whole-number"));
                    }
                }
                case NUMBER -> {
                    try {
                        BigDecimal n = text.isEmpty() ? null : new BigDecimal(text.replace(",", ""));
                        if (n != null && n.signum() < 0) {
                            throw new NumberFormatException();
                        }
                        interview.set(f.name(), n == null ? null : DecimalNode.valueOf(n));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(f.id(), "screening.error.number"));
                    }
                }
                case TEXT -> {
                    String value = text.length() > 200 ? text.substring(0, 200) : text;
                    if (f.path().endsWith(".country")) {
                        value = value.toUpperCase(Locale.ROOT);
                    }
                    interview.set(f.name(), value.isEmpty() ? null : TextNode.valueOf(value));
                }
                default -> throw new IllegalStateException(f.kind().name());
            }
        }
        for (FactField f : lists) {
            if ("none".equals(request.getParameter(f.name()))) {
                interview.set(f.name().replace("[]", ""), JsonNodeFactory.instance.arrayNode());
            } else if (interview.get(f.name().replace("[]", "")) instanceof ArrayNode a && a.isEmpty()) {
                interview.set(f.name().replace("[]", ""), null);
            }
        }
        return errors;
    }

    /** The fact model's own checks (the API's), each problem named at its field or at the top. */
    private List<FieldError> check(GuidedInterview interview) {
        try {
            screenings.check(facts(interview));
            return List.of();
        } catch (InvalidFactsException e) {
            return e.problems().stream().map(p -> new FieldError("f-" + p.pointer().replaceAll("[^A-Za-z0-9]+", "-")
                    .replaceAll("^-|-$", ""), "screening.error.fact-model")).toList();
        } catch (UnprocessableException e) {
            return List.of(new FieldError("", "screening.error.fact-model"));
        }
    }

    private ScreeningFacts facts(GuidedInterview interview) {
        try {
            return json.treeToValue(interview.facts(), ScreeningFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the interview's facts do not fit the fact model", e);
        }
    }

    static GuidedInterview interview(HttpSession session) {
        GuidedInterview interview = (GuidedInterview) session.getAttribute(GuidedInterview.SESSION_KEY);
        if (interview == null) {
            interview = new GuidedInterview();
            session.setAttribute(GuidedInterview.SESSION_KEY, interview);
        }
        return interview;
    }

    static Language language() {
        return LocaleContextHolder.getLocale().getLanguage().equals("es") ? Language.ES : Language.EN;
    }

}
