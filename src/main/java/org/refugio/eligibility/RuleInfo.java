package org.refugio.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * What a rule declares about itself in its metadata: the legal rule it implements, where it belongs and
 * the dates between which it is the law.
 *
 * @param name          the rule's name in the ruleset, a sentence stating the criterion
 * @param ruleId        ID of the criteria file, with the branch, e.g. {@code T1-06(a)}
 * @param program       program the rule decides, null for derivative and referral rules
 * @param derivative    derivative class the rule decides, null otherwise
 * @param criterion     criterion the finding counts towards (defaults to the rule ID without branch)
 * @param element       element of the criterion (defaults to the rule ID without branch)
 * @param tag           verification tag V, S or U
 * @param effectiveFrom first day the rule is the law (inclusive), null = always
 * @param effectiveUntil last day the rule is the law (inclusive), null = still in force
 * @param stage         evaluation stage (ruleflow-group)
 * @param file          file of the ruleset the rule comes from
 * @param amendments    items of the amendment (corrections-2026-12.md, e.g. {@code K-01}) the rule implements
 * @param informational the rule only attaches notes to the result it informs and never decides a value (K-28)
 */
public record RuleInfo(String name, String ruleId, Program program, DerivativeClass derivative, String criterion,
                       String element, String tag, LocalDate effectiveFrom, LocalDate effectiveUntil, String stage,
                       String file, List<String> amendments, boolean informational) {

    public RuleInfo {
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
    }

    /** A rule that decides (a criterion, a relative's class or the referral). */
    public RuleInfo(String name, String ruleId, Program program, DerivativeClass derivative, String criterion,
                    String element, String tag, LocalDate effectiveFrom, LocalDate effectiveUntil, String stage,
                    String file, List<String> amendments) {
        this(name, ruleId, program, derivative, criterion, element, tag, effectiveFrom, effectiveUntil, stage, file,
                amendments, false);
    }

    /**
     * The record's own text, the same characters, built without {@code String.format}: Java 17 builds a record's
     * text with it, and the combiner orders a rule's outputs by their whole text (issue 14: a few per cent of a
     * screening). RecordTextTest holds it equal to the record's text.
     */
    @Override
    public String toString() {
        return "RuleInfo[name=" + name + ", ruleId=" + ruleId + ", program=" + program + ", derivative=" + derivative
                + ", criterion=" + criterion + ", element=" + element + ", tag=" + tag + ", effectiveFrom="
                + effectiveFrom + ", effectiveUntil=" + effectiveUntil + ", stage=" + stage + ", file=" + file
                + ", amendments=" + amendments + ", informational=" + informational + "]";
    }

    public boolean inForceOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom))
                && (effectiveUntil == null || !date.isAfter(effectiveUntil));
    }

    /** {@code T1-06(a)} → {@code T1-06}. */
    public static String baseId(String ruleId) {
        int paren = ruleId.indexOf('(');
        return paren < 0 ? ruleId.trim() : ruleId.substring(0, paren).trim();
    }
}
