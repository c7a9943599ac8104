package org.refugio.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.refugio.eligibility.RuleInfo;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The citation of every rule ID, by the dates on which that text was the law (rules/legal-sources.yaml). A
 * decision cites the text in force on its asOfDate: for example 8 CFR 214.11 before 2024-08-28 and
 * 8 CFR 214.200-214.216 from then on (T1-14).
 */
public final class LegalSources {

    public record Citation(LocalDate from, LocalDate until, String text) {
        boolean inForceOn(LocalDate date) {
            return (from == null || !date.isBefore(from)) && (until == null || !date.isAfter(until));
        }
    }

    private final Map<String, List<Citation>> byRuleId;

    private LegalSources(Map<String, List<Citation>> byRuleId) {
        this.byRuleId = byRuleId;
    }

    @SuppressWarnings("unchecked")
    public static LegalSources parse(String yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, List<Citation>> byRuleId = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            List<Citation> versions = new ArrayList<>();
            if (e.getValue() instanceof String text) {
                versions.add(new Citation(null, null, text));
            } else {
                for (Map<String, Object> v : (List<Map<String, Object>>) e.getValue()) {
                    versions.add(new Citation(DatedText.date(v.get("from")), DatedText.date(v.get("until")),
                            String.valueOf(v.get("text"))));
                }
            }
            byRuleId.put(e.getKey(), List.copyOf(versions));
        }
        return new LegalSources(byRuleId);
    }

    public boolean knows(String ruleId) {
        return byRuleId.containsKey(RuleInfo.baseId(ruleId));
    }

    /** The citation of a rule ID (its branch is ignored) as of a date. */
    public String citation(String ruleId, LocalDate asOf) {
        List<Citation> versions = byRuleId.get(RuleInfo.baseId(ruleId));
        if (versions == null) {
            return RuleInfo.baseId(ruleId);
        }
        for (Citation c : versions) {
            if (c.inForceOn(asOf)) {
                return c.text();
            }
        }
        return versions.get(versions.size() - 1).text();
    }

    public List<Citation> history(String ruleId) {
        return byRuleId.getOrDefault(RuleInfo.baseId(ruleId), List.of());
    }
}
