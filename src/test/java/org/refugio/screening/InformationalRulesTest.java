package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;

/**
 * K-28: informational rules appear as notes on the result they inform and never change a value. The engine holds
 * them to it: an {@code @informs} rule that decides anything stops the evaluation, and one placed in a stage before
 * its result is known is refused when the ruleset is loaded.
 */
class InformationalRulesTest {

    static final RulesetFiles FILES = RulesetFiles.fromClasspath("rules");

    @Test
    void theAmendmentsInformationalRulesAreAllInTheRuleset() {
        Set<String> informational = new TreeSet<>();
        Ruleset.compile(FILES).engine().rules().stream().filter(r -> r.informational())
                .forEach(r -> informational.add(r.ruleId()));
        assertThat(informational).containsExactlyInAnyOrder("T1-10", "T1-11", "T1-13", "U-09", "U-11", "MX-03",
                "OVW-01", "LSC-00", "LSC-A-07", "LSC-A-10", "LSC-A-11", "G-06",
                // K-00: the questions of the special LSC groups, asked once LSC-A-OUT is known to be NOT_ELIGIBLE (K-19)
                "LSC-A-02",
                // K-00: the questions of a child's abuse (K-14) and U derivative relief (K-15), asked the same way
                "LSC-A-04");
    }

    @Test
    void anInformationalRuleThatTriesToDecideAValueStopsTheEvaluation() {
        Ruleset ruleset = withExtraRule("""
                rule "T1-10 a cap note that tries to decide"
                    @ruleId("T1-10") @tag("V") @informs("T1_PRINCIPAL")
                    ruleflow-group "referral"
                when
                    ProgramStatus(program == Program.T1_PRINCIPAL)
                then
                    notEligible(kcontext, "t1-10.cap");
                end
                """);
        LocalDate asOf = LocalDate.of(2026, 11, 26);
        assertThatThrownBy(() -> ruleset.engine().evaluate(FactsMapper.map(new ScreeningFacts(), asOf)))
                .hasStackTraceContaining("may only add notes and questions");
    }

    @Test
    void anInformationalRuleBeforeItsResultIsKnownIsRefusedAtStartUp() {
        assertThatThrownBy(() -> withExtraRule("""
                rule "LSC-A-07 a note read too early"
                    @ruleId("LSC-A-07") @tag("V") @informs("LSC_LEGAL_AID")
                    ruleflow-group "principal"
                when
                    Person()
                then
                    info(kcontext, "lsc-a-07.evidence");
                end
                """)).hasMessageContaining("only known after stage");
    }

    private static Ruleset withExtraRule(String rule) {
        Map<String, byte[]> files = new HashMap<>(FILES.files());
        files.put("extra/informational.drl", ("""
                package rules.extra;
                import org.refugio.eligibility.Program;
                import org.refugio.eligibility.facts.*;
                import function org.refugio.eligibility.drools.RuleActions.info;
                import function org.refugio.eligibility.drools.RuleActions.notEligible;
                global org.refugio.eligibility.drools.SessionDecisions decisions;
                """ + rule).getBytes(StandardCharsets.UTF_8));
        return Ruleset.compile(new RulesetFiles(files));
    }
}
