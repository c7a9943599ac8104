package org.refugio.eligibility.drools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.kie.api.definition.rule.Rule;
import org.refugio.eligibility.Combiner;
import org.refugio.eligibility.Finding;
import org.refugio.eligibility.Output;
import org.refugio.eligibility.RuleInfo;

/** Collects what the rules of one evaluation decide; the session's only global. */
public final class SessionDecisions implements Combiner.Decisions {

    private final Map<String, RuleInfo> rules;
    private final List<Finding> findings = new ArrayList<>(128);
    private final List<Output> outputs = new ArrayList<>(32);

    SessionDecisions(Map<String, RuleInfo> rules) {
        this.rules = rules;
    }

    RuleInfo rule(Rule rule) {
        RuleInfo info = rules.get(DroolsEligibilityEngine.key(rule));
        if (info == null) {
            throw new IllegalStateException("rule without metadata: " + rule.getName());
        }
        return info;
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    void add(Output output) {
        outputs.add(output);
    }

    @Override
    public List<Finding> findings(Predicate<Finding> filter) {
        List<Finding> selected = new ArrayList<>();
        for (Finding f : findings) {
            if (filter.test(f)) {
                selected.add(f);
            }
        }
        return selected;
    }

    @Override
    public List<Output> outputs(Predicate<Output> filter) {
        List<Output> selected = new ArrayList<>();
        for (Output o : outputs) {
            if (filter.test(o)) {
                selected.add(o);
            }
        }
        return selected;
    }
}
