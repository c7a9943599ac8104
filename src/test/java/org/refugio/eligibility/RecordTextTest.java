package org.refugio.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;

/**
 * The combiner orders a rule's outputs by their whole text, so the hand-built texts of {@link RuleInfo} and
 * {@link Message} (issue 14: without {@code String.format}) must be the record's own text, character for character,
 * or decisions would list notes and follow-ups in another order.
 */
class RecordTextTest {

    /** Same components as RuleInfo, and the JDK's own text. */
    record Twin(String name, String ruleId, Program program, DerivativeClass derivative, String criterion,
                String element, String tag, LocalDate effectiveFrom, LocalDate effectiveUntil, String stage,
                String file, List<String> amendments, boolean informational) { }

    @Test
    void theRecordTextBuiltHereIsTheJdksOwn() throws Exception {
        Twin twin = new Twin("A rule", "T1-06(a)", Program.values()[0], null, null, "e", "V", LocalDate.of(2026, 1, 1),
                null, "criteria", "rules/tvisa/x.drl", List.of("K-01", "K-02"), true);
        assertThat(recordText(twin)).isEqualTo(twin.toString());
    }

    @Test
    void everyRuleOfTheBundledRulesetHasTheRecordsText() throws Exception {
        List<RuleInfo> rules = Ruleset.compile(RulesetFiles.fromClasspath("rules")).allRules();
        assertThat(rules).hasSizeGreaterThan(100);
        for (RuleInfo rule : rules) {
            assertThat(rule.toString()).isEqualTo(recordText(rule));
        }
        RuleInfo bare = new RuleInfo("n", "LA-01", null, DerivativeClass.values()[0], null, null, null, null, null,
                null, null, null, false);
        assertThat(bare.toString()).isEqualTo(recordText(bare));
    }

    @Test
    void messagesHaveTheRecordsText() throws Exception {
        for (Message m : List.of(Message.of("k"), Message.of("k.x", "a", 3, null, LocalDate.of(2027, 2, 28)),
                new Message("k", Arrays.asList(null, List.of("x", "y"))))) {
            assertThat(m.toString()).isEqualTo(recordText(m));
        }
    }

    /** The text Java's records have by default: Name[component=value, ...]. */
    static String recordText(Record r) throws Exception {
        StringBuilder text = new StringBuilder(r.getClass().getSimpleName()).append('[');
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                    .append(components[i].getAccessor().invoke(r));
        }
        return text.append(']').toString();
    }
}
