package org.refugio.eligibility.drools;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.kie.api.definition.rule.Rule;
import org.refugio.eligibility.Combiner;
import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.Finding;
import org.refugio.eligibility.NoteKind;
import org.refugio.eligibility.Output;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.RuleInfo;

/**
 * Collects what the rules of one evaluation decide, indexed the way the combiner reads it; the session's only
 * global.
 */
public final class SessionDecisions implements Combiner.Decisions {

    private final Map<String, RuleInfo> rulesByName;
    private final Map<Program, List<Finding>> byProgram = new EnumMap<>(Program.class);
    private final Map<String, List<Finding>> byMember = new HashMap<>();
    private final Map<Program, List<Output>> outputsByProgram = new EnumMap<>(Program.class);
    private final Map<String, List<Output>> outputsByMember = new HashMap<>();
    private final Map<String, Set<DerivativeClass>> candidates = new HashMap<>();
    private final List<Output> referral = new ArrayList<>();
    private final List<Output.Note> tasks = new ArrayList<>();
    private final List<Finding> pending = new ArrayList<>();
    private final Map<Program, Evaluation.ProgramOutcome> programOutcomes = new EnumMap<>(Program.class);
    private final Map<String, Evaluation.ClassOutcome> classOutcomes = new HashMap<>();

    SessionDecisions(Map<String, RuleInfo> rulesByName) {
        this.rulesByName = rulesByName;
    }

    RuleInfo rule(Rule rule) {
        RuleInfo info = rulesByName.get(rule.getName());
        if (info == null) {
            throw new IllegalStateException("rule without metadata: " + rule.getName());
        }
        return info;
    }

    /**
     * A consequence finishes a finding fluently after recording it (the subject, the relative), so findings are
     * indexed when they are read, after the rules of a stage have fired.
     */
    void add(Finding finding) {
        requireDecidingRule(finding.rule());
        pending.add(finding);
    }

    private void index() {
        for (Finding finding : pending) {
            if (finding.memberId() != null) {
                byMember.computeIfAbsent(finding.memberId(), k -> new ArrayList<>()).add(finding);
            } else if (finding.rule().program() != null) {
                byProgram.computeIfAbsent(finding.rule().program(), k -> new ArrayList<>()).add(finding);
            }
        }
        pending.clear();
    }

    void add(Output output) {
        if (!(output instanceof Output.Note note && note.kind() == NoteKind.INFO || output instanceof Output.FollowUp)) {
            requireDecidingRule(output.rule());
        }
        String member = memberOf(output);
        Program program = output.rule().program();
        if (output instanceof Output.Candidate c) {
            candidates.computeIfAbsent(c.memberId(), k -> EnumSet.noneOf(DerivativeClass.class)).add(c.derivativeClass());
        } else if (output instanceof Output.Note n && n.kind() == NoteKind.TASK) {
            tasks.add(n);
        } else if (member != null) {
            outputsByMember.computeIfAbsent(member, k -> new ArrayList<>()).add(output);
        } else if (program != null) {
            outputsByProgram.computeIfAbsent(program, k -> new ArrayList<>()).add(output);
        } else {
            referral.add(output);
        }
    }

    @Override
    public List<Finding> programFindings(Program program) {
        index();
        return byProgram.getOrDefault(program, List.of());
    }

    @Override
    public List<Finding> memberFindings(String memberId) {
        index();
        return byMember.getOrDefault(memberId, List.of());
    }

    @Override
    public List<Output> programOutputs(Program program) {
        return outputsByProgram.getOrDefault(program, List.of());
    }

    @Override
    public List<Output> memberOutputs(String memberId) {
        return outputsByMember.getOrDefault(memberId, List.of());
    }

    @Override
    public Set<DerivativeClass> candidates(String memberId) {
        return candidates.getOrDefault(memberId, Set.of());
    }

    @Override
    public List<Output> referralOutputs() {
        return referral;
    }

    @Override
    public List<Output.Note> tasks() {
        return tasks;
    }

    @Override
    public Evaluation.ProgramOutcome remembered(Program program, Supplier<Evaluation.ProgramOutcome> decide) {
        return programOutcomes.computeIfAbsent(program, p -> decide.get());
    }

    @Override
    public Evaluation.ClassOutcome remembered(String memberId, DerivativeClass derivativeClass,
                                              Supplier<Evaluation.ClassOutcome> decide) {
        return classOutcomes.computeIfAbsent(memberId + "#" + derivativeClass, k -> decide.get());
    }

    /** K-28: informational rules never change a value; they only add notes (and, for K-00, questions). */
    private static void requireDecidingRule(RuleInfo rule) {
        if (rule.informational()) {
            throw new IllegalStateException("informational rule \"" + rule.name() + "\" may only add notes and questions");
        }
    }

    private static String memberOf(Output o) {
        if (o instanceof Output.FollowUp f) {
            return f.memberId();
        }
        if (o instanceof Output.Deadline d) {
            return d.memberId();
        }
        if (o instanceof Output.Note n) {
            return n.memberId();
        }
        return null;
    }
}
