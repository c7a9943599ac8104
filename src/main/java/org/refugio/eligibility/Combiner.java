package org.refugio.eligibility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.refugio.eligibility.Evaluation.ClassOutcome;
import org.refugio.eligibility.Evaluation.CriterionOutcome;
import org.refugio.eligibility.Evaluation.DerivativeOutcome;
import org.refugio.eligibility.Evaluation.FollowUpItem;
import org.refugio.eligibility.Evaluation.ProgramOutcome;
import org.refugio.eligibility.Evaluation.ReferralOutcome;
import org.refugio.eligibility.ProgramStructure.Across;

/**
 * G-02, in one place: rows of an element are alternatives (best), a subject needs all its elements (worst),
 * subjects combine as the criterion says, a program or derivative class needs all its criteria (worst), and a
 * relative takes the best class. A criterion no rule decided is {@code NEEDS_MORE_INFORMATION} (G-03).
 */
public final class Combiner {

    /** Stands for a criterion no rule decided: unknown, never "no". */
    public static final String UNDECIDED_KEY = "engine.criterion-undecided";

    private final ProgramStructure structure;

    public Combiner(ProgramStructure structure) {
        this.structure = structure;
    }

    /** A criterion's value, the rows that gave it, and the value for each subject. */
    public record CriterionValue(String criterion, Status status, List<Finding> contributing,
                                 Map<String, Status> bySubject) { }

    public CriterionValue criterion(String criterion, Collection<Finding> findings, Across across) {
        if (oneSubjectOneElement(findings)) {
            Status best = Status.NOT_ELIGIBLE;
            for (Finding f : findings) {
                best = Status.best(best, f.status());
            }
            List<Finding> contributing = new ArrayList<>(findings.size());
            for (Finding f : findings) {
                if (f.status() == best) {
                    contributing.add(f);
                }
            }
            Map<String, Status> bySubject = new HashMap<>(2);
            bySubject.put(findings.iterator().next().subject(), best);
            return new CriterionValue(criterion, best, contributing, bySubject);
        }
        Map<String, List<Finding>> bySubject = new LinkedHashMap<>();
        for (Finding f : findings) {
            bySubject.computeIfAbsent(f.subject(), s -> new ArrayList<>()).add(f);
        }
        Map<String, Status> subjectStatus = new LinkedHashMap<>();
        Map<String, List<Finding>> subjectContributing = new HashMap<>();
        for (Map.Entry<String, List<Finding>> e : bySubject.entrySet()) {
            Map<String, List<Finding>> byElement = new LinkedHashMap<>();
            for (Finding f : e.getValue()) {
                byElement.computeIfAbsent(f.element(), k -> new ArrayList<>()).add(f);
            }
            Status subject = Status.ELIGIBLE;
            Map<String, Status> elementStatus = new LinkedHashMap<>();
            for (Map.Entry<String, List<Finding>> el : byElement.entrySet()) {
                Status element = bestOf(el.getValue());
                elementStatus.put(el.getKey(), element);
                subject = Status.worst(subject, element);
            }
            List<Finding> contributing = new ArrayList<>();
            for (Map.Entry<String, List<Finding>> el : byElement.entrySet()) {
                if (elementStatus.get(el.getKey()) == subject) {
                    for (Finding f : el.getValue()) {
                        if (f.status() == subject) {
                            contributing.add(f);
                        }
                    }
                }
            }
            subjectStatus.put(e.getKey(), subject);
            subjectContributing.put(e.getKey(), contributing);
        }
        Status value = null;
        for (Status s : subjectStatus.values()) {
            value = value == null ? s : across == Across.ANY ? Status.best(value, s) : Status.worst(value, s);
        }
        List<Finding> contributing = new ArrayList<>();
        for (Map.Entry<String, Status> e : subjectStatus.entrySet()) {
            if (e.getValue() == value) {
                contributing.addAll(subjectContributing.get(e.getKey()));
            }
        }
        return new CriterionValue(criterion, value, contributing, subjectStatus);
    }

    /** Every criterion of a program (or derivative class), in the order the structure lists them. */
    public List<CriterionValue> criteria(ProgramStructure.Spec spec, Collection<Finding> findings) {
        Map<String, List<Finding>> byCriterion = new HashMap<>();
        for (Finding f : findings) {
            byCriterion.computeIfAbsent(f.criterion(), k -> new ArrayList<>()).add(f);
        }
        List<CriterionValue> values = new ArrayList<>();
        for (Map.Entry<String, Across> c : spec.criteria().entrySet()) {
            List<Finding> rows = byCriterion.get(c.getKey());
            if (rows == null || rows.isEmpty()) {
                rows = List.of(undecided(c.getKey(), spec.stage()));
            } else {
                rows.sort(FINDING_ORDER);
            }
            values.add(criterion(c.getKey(), rows, c.getValue()));
        }
        return values;
    }

    /** A program's outcome; computed once per evaluation, when the stage that decides it is over. */
    public ProgramOutcome program(Program program, Decisions decisions) {
        return decisions.remembered(program, () -> decide(program, decisions));
    }

    private ProgramOutcome decide(Program program, Decisions decisions) {
        ProgramStructure.Spec spec = structure.spec(program);
        List<CriterionValue> values = criteria(spec, decisions.programFindings(program));
        Status status = worstOf(values);
        List<CriterionOutcome> criteria = outcomes(values, status);
        List<Output> outputs = decisions.programOutputs(program);
        return new ProgramOutcome(program, status, reason(status, criteria),
                program == Program.LSC_LEGAL_AID ? scope(criteria) : null, criteria,
                followUps(criteria, outputs, null), deadlines(outputs, null), notes(outputs, null));
    }

    public ClassOutcome derivativeClass(String memberId, DerivativeClass derivativeClass, Decisions decisions) {
        return decisions.remembered(memberId, derivativeClass, () -> decide(memberId, derivativeClass, decisions));
    }

    private ClassOutcome decide(String memberId, DerivativeClass derivativeClass, Decisions decisions) {
        ProgramStructure.Spec spec = structure.spec(derivativeClass);
        List<Finding> rows = new ArrayList<>();
        for (Finding f : decisions.memberFindings(memberId)) {
            if (f.rule().derivative() == derivativeClass || f.rule().derivative() == null) {
                rows.add(f);
            }
        }
        List<CriterionValue> values = criteria(spec, rows);
        Status status = worstOf(values);
        return new ClassOutcome(derivativeClass, status, outcomes(values, status));
    }

    public DerivativeOutcome derivative(String memberId, Decisions decisions) {
        Set<DerivativeClass> candidates = decisions.candidates(memberId);
        List<Output> outputs = decisions.memberOutputs(memberId);
        List<Finding> memberFindings = new ArrayList<>();
        for (Finding f : decisions.memberFindings(memberId)) {
            if (f.rule().derivative() == null) {
                memberFindings.add(f);
            }
        }
        if (candidates.isEmpty()) {
            // No class fits the relationship: the member-level rows say why (or that it is unknown).
            List<Finding> rows = memberFindings.isEmpty() ? List.of(undecided("TD-OUT", null)) : memberFindings;
            CriterionValue value = criterion("TD-OUT", rows, Across.ALL);
            List<CriterionOutcome> criteria = outcomes(List.of(value), value.status());
            return new DerivativeOutcome(memberId, null, value.status(), reason(value.status(), criteria), List.of(),
                    criteria, followUps(criteria, outputs, memberId), deadlines(outputs, memberId),
                    notes(outputs, memberId));
        }
        List<ClassOutcome> classes = new ArrayList<>();
        for (DerivativeClass c : candidates) {
            classes.add(derivativeClass(memberId, c, decisions));
        }
        ClassOutcome best = classes.stream()
                .max(Comparator.comparing((ClassOutcome c) -> c.status())
                        .thenComparing(c -> c.derivativeClass().isOwnRelationship()))
                .orElseThrow();
        return new DerivativeOutcome(memberId, best.derivativeClass(), best.status(),
                reason(best.status(), best.criteria()), classes, best.criteria(),
                followUps(best.criteria(), outputs, memberId),
                deadlines(outputs, memberId), notes(outputs, memberId));
    }

    public ReferralOutcome referral(Decisions decisions, ProgramOutcome lsc) {
        List<Output.Referral> choices = new ArrayList<>();
        List<Output.Urgency> urgencies = new ArrayList<>();
        List<Output> referralOutputs = new ArrayList<>();
        for (Output o : inFixedOrder(decisions.referralOutputs())) {
            if (o instanceof Output.Referral r) {
                choices.add(r);
            } else if (o instanceof Output.Urgency u) {
                urgencies.add(u);
            } else if (o instanceof Output.FollowUp || o instanceof Output.Note) {
                referralOutputs.add(o);
            }
        }
        ReferralTarget target = choices.stream()
                .filter(r -> r.role() == Output.Role.PRIMARY && r.matter() == null)
                .map(Output.Referral::target)
                .min(Comparator.naturalOrder())
                // LA-01 is a rule of the ruleset (rules/legalaid/referral.drl): the engine adds no target of its own.
                .orElseThrow(() -> new IllegalStateException("no referral rule chose a target: the ruleset lacks"
                        + " its LA-01 row (every case is referred)"));
        Set<ReferralTarget> alternatives = new LinkedHashSet<>();
        for (Output.Referral r : choices) {
            if (r.matter() == null && r.target() != target) {
                alternatives.add(r.target());
            }
        }
        Set<UrgencyReason> reasons = EnumSet.noneOf(UrgencyReason.class);
        urgencies.forEach(u -> reasons.add(u.reason()));
        return new ReferralOutcome(target, List.copyOf(alternatives),
                target == ReferralTarget.LSC_RECIPIENT ? lsc.scope() : null, !reasons.isEmpty(),
                List.copyOf(reasons), choices, urgencies, followUps(List.of(), referralOutputs, null),
                notes(referralOutputs, null));
    }

    public Evaluation evaluation(Decisions decisions, List<String> memberIds) {
        List<ProgramOutcome> programs = new ArrayList<>();
        for (Program p : Program.values()) {
            ProgramOutcome decided = program(p, decisions);
            List<Output> outputs = decisions.programOutputs(p);
            programs.add(decided.withLateOutputs(followUps(decided.criteria(), outputs, null), notes(outputs, null)));
        }
        List<DerivativeOutcome> derivatives = new ArrayList<>();
        for (String id : memberIds) {
            derivatives.add(derivative(id, decisions));
        }
        ProgramOutcome lsc = programs.get(Program.LSC_LEGAL_AID.ordinal());
        return new Evaluation(programs, derivatives, referral(decisions, lsc), inFixedOrder(decisions.tasks()));
    }

    private static boolean oneSubjectOneElement(Collection<Finding> findings) {
        Finding first = null;
        for (Finding f : findings) {
            if (first == null) {
                first = f;
            } else if (!Objects.equals(first.subject(), f.subject()) || !first.element().equals(f.element())) {
                return false;
            }
        }
        return first != null;
    }

    private static Status bestOf(List<Finding> rows) {
        Status best = Status.NOT_ELIGIBLE;
        for (Finding f : rows) {
            best = Status.best(best, f.status());
        }
        return best;
    }

    private static Status worstOf(List<CriterionValue> values) {
        Status worst = Status.ELIGIBLE;
        for (CriterionValue v : values) {
            worst = Status.worst(worst, v.status());
        }
        return worst;
    }

    private static List<CriterionOutcome> outcomes(List<CriterionValue> values, Status programStatus) {
        List<CriterionOutcome> outcomes = new ArrayList<>(values.size());
        for (CriterionValue v : values) {
            outcomes.add(new CriterionOutcome(v.criterion(), v.status(), v.status() == programStatus,
                    v.contributing(), v.bySubject()));
        }
        return outcomes;
    }

    /** NOT_NEEDED only when every decisive "no" is a "not needed" (G-01). */
    private static ReasonCode reason(Status status, List<CriterionOutcome> criteria) {
        if (status != Status.NOT_ELIGIBLE) {
            return null;
        }
        boolean any = false;
        for (CriterionOutcome c : criteria) {
            if (!c.decisive()) {
                continue;
            }
            for (Finding f : c.findings()) {
                if (f.reason() != ReasonCode.NOT_NEEDED) {
                    return null;
                }
                any = true;
            }
        }
        return any ? ReasonCode.NOT_NEEDED : null;
    }

    private static LscScope scope(List<CriterionOutcome> criteria) {
        LscScope scope = null;
        for (CriterionOutcome c : criteria) {
            if (!c.status().isFavorable()) {
                continue;
            }
            for (Finding f : c.findings()) {
                if (f.scope() == LscScope.FULL) {
                    return LscScope.FULL;
                }
                if (f.scope() == LscScope.RELATED) {
                    scope = LscScope.RELATED;
                }
            }
        }
        return scope;
    }

    private static List<FollowUpItem> followUps(List<CriterionOutcome> criteria, List<Output> outputs,
                                                String memberId) {
        Map<String, FollowUpItem> items = new LinkedHashMap<>();
        for (CriterionOutcome c : criteria) {
            for (Finding f : c.findings()) {
                for (Message q : f.followUps()) {
                    items.putIfAbsent(key(q, f.subject()), new FollowUpItem(f.rule(), f.subject(), q));
                }
            }
        }
        for (Output o : inFixedOrder(outputs)) {
            if (o instanceof Output.FollowUp f && Objects.equals(f.memberId(), memberId)) {
                items.putIfAbsent(key(f.question(), f.subject()), new FollowUpItem(f.rule(), f.subject(), f.question()));
            }
        }
        return List.copyOf(items.values());
    }

    /*
     * Rules fire in an order that depends on how the ruleset was loaded, not on the law. A decision lists findings,
     * questions and notes in a fixed order instead (subject, element, rule ID, message), so that replaying a
     * decision with the same rules reproduces it exactly.
     */
    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing((Finding f) -> String.valueOf(f.subject()))
            .thenComparing(f -> String.valueOf(f.element()))
            .thenComparing(f -> String.valueOf(f.rule().ruleId()))
            .thenComparing(f -> String.valueOf(f.memberId()))
            .thenComparing(f -> String.valueOf(f.explanation()))
            .thenComparing(f -> String.valueOf(f.followUps()));

    private static <T extends Output> List<T> inFixedOrder(Collection<T> outputs) {
        return List.copyOf(inFixedOrder(outputs, (a, b) -> 0));
    }

    /**
     * Ordered by {@code first}, then rule ID, then the output's whole text. The text is built once per output, not
     * once per comparison: outputs of one rule tie on their rule ID, and building their text at every comparison
     * was a few percent of a screening (issue 14).
     */
    private static <T extends Output> List<T> inFixedOrder(Collection<T> outputs, Comparator<? super T> first) {
        record Keyed<T>(T output, String ruleId, String text) { }
        List<Keyed<T>> keyed = new ArrayList<>(outputs.size());
        for (T output : outputs) {
            keyed.add(new Keyed<>(output, String.valueOf(output.rule().ruleId()), output.toString()));
        }
        keyed.sort(Comparator.<Keyed<T>, T>comparing(Keyed::output, first)
                .thenComparing(Keyed::ruleId).thenComparing(Keyed::text));
        List<T> sorted = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            sorted.add(k.output());
        }
        return sorted;
    }

    private static String key(Message m, String subject) {
        return m.key() + m.args() + "@" + subject;
    }

    private static List<Output.Deadline> deadlines(List<Output> outputs, String memberId) {
        Set<String> seen = new HashSet<>();
        List<Output.Deadline> deadlines = new ArrayList<>();
        for (Output o : outputs) {
            if (o instanceof Output.Deadline d && Objects.equals(d.memberId(), memberId)
                    && seen.add(d.date() + d.description().toString())) {
                deadlines.add(d);
            }
        }
        return inFixedOrder(deadlines, Comparator.comparing(Output.Deadline::date));
    }

    private static List<Output.Note> notes(List<Output> outputs, String memberId) {
        List<Output.Note> notes = new ArrayList<>();
        for (Output o : inFixedOrder(outputs)) {
            if (o instanceof Output.Note n && n.kind() != NoteKind.TASK && Objects.equals(n.memberId(), memberId)) {
                notes.add(n);
            }
        }
        return notes;
    }

    private static Finding undecided(String criterion, String stage) {
        RuleInfo rule = new RuleInfo("criterion not decided by any rule", criterion, null, null, criterion,
                criterion, "U", null, null, stage, null, null);
        return new Finding(rule, Status.NEEDS_MORE_INFORMATION, Message.of(UNDECIDED_KEY, criterion));
    }

    /** Findings and outputs collected while the rules run, by what they decide. */
    public interface Decisions {
        /** Findings about the person for one program. */
        List<Finding> programFindings(Program program);

        /** Findings about one relative, for a derivative class or for the relative whatever the class. */
        List<Finding> memberFindings(String memberId);

        List<Output> programOutputs(Program program);

        List<Output> memberOutputs(String memberId);

        /** The derivative classes the relative's relationship opens (TD-02..TD-04). */
        Set<DerivativeClass> candidates(String memberId);

        /** Referral choices, urgencies and the referral's own questions (LA-02, LA-03). */
        List<Output> referralOutputs();

        List<Output.Note> tasks();

        /** The outcome of a program once its stage is over (outcomes never change after that). */
        ProgramOutcome remembered(Program program, java.util.function.Supplier<ProgramOutcome> decide);

        ClassOutcome remembered(String memberId, DerivativeClass derivativeClass,
                                java.util.function.Supplier<ClassOutcome> decide);
    }
}
