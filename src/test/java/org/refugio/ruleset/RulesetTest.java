package org.refugio.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.refugio.eligibility.RuleInfo;

class RulesetTest {

    static RulesetFiles files;
    static Ruleset ruleset;

    @BeforeAll
    static void load() {
        files = RulesetFiles.fromClasspath("rules");
        ruleset = Ruleset.compile(files);
    }

    @Test
    void theHashIdentifiesTheContentOfRulesAndChangesWithIt() {
        assertThat(ruleset.sha256()).matches("[0-9a-f]{64}");
        assertThat(RulesetFiles.fromClasspath("rules").sha256()).isEqualTo(ruleset.sha256());

        Map<String, byte[]> edited = new HashMap<>(files.files());
        edited.put("programs.yaml", (files.text("programs.yaml") + "\n# edited\n").getBytes(StandardCharsets.UTF_8));
        assertThat(new RulesetFiles(edited).sha256()).isNotEqualTo(ruleset.sha256());
    }

    @Test
    void everyRuleCarriesARuleIdATagAndACitation() {
        assertThat(ruleset.engine().rules()).hasSizeGreaterThan(150).allSatisfy(rule -> {
            assertThat(rule.ruleId()).matches("[A-Z0-9]+(-[A-Z0-9]+)+(\\(.+\\))?");
            assertThat(rule.tag()).isIn("V", "S", "U");
            assertThat(ruleset.legalSources().knows(rule.ruleId())).as(rule.ruleId()).isTrue();
        });
    }

    /** The amendment's items are traceable to the rules that implement them (GET /api/v1/rulesets/current lists them). */
    @Test
    void rulesNameTheAmendmentItemsTheyImplement() {
        Map<String, java.util.Set<String>> ruleIdsByItem = new HashMap<>();
        ruleset.allRules().forEach(rule -> rule.amendments().forEach(item ->
                ruleIdsByItem.computeIfAbsent(item, k -> new java.util.TreeSet<>()).add(rule.ruleId())));
        assertThat(ruleIdsByItem.get("K-07")).contains("LSC-A-03(B)", "SVC-01");
        assertThat(ruleIdsByItem.get("K-09")).contains("HHS-E-03");
        assertThat(ruleIdsByItem.get("K-23")).contains("LA-02");
        assertThat(ruleIdsByItem.get("K-24")).contains("LA-02");
        assertThat(ruleIdsByItem.get("K-28")).contains("T1-10", "U-11", "MX-03", "OVW-01", "LSC-00", "G-06");
        assertThat(ruleIdsByItem.keySet()).allSatisfy(item -> assertThat(item).matches("K-(0\\d|1\\d|2\\d)"));
    }

    @Test
    void citationsFollowTheScreeningDate() {
        assertThat(ruleset.legalSources().citation("T1-06(c)", LocalDate.of(2024, 8, 27))).contains("214.11");
        assertThat(ruleset.legalSources().citation("T1-06(c)", LocalDate.of(2024, 8, 28)))
                .contains("214.208").doesNotContain("214.11");
    }

    @Test
    void everyPairOf214Point11And214Point2xxCitationsFollowsTheScreeningDate() {
        // K-26, T1-14: the derivative rules cite 8 CFR 214.11 before 2024-08-28 and 214.211 from then on.
        assertThat(ruleset.legalSources().citation("TD-05", LocalDate.of(2024, 8, 27))).contains("214.11(k)")
                .doesNotContain("214.211");
        assertThat(ruleset.legalSources().citation("TD-05", LocalDate.of(2024, 8, 28))).contains("214.211")
                .doesNotContain("214.11(");
        assertThat(ruleset.legalSources().citation("HHS-E-02", LocalDate.of(2008, 12, 22))).doesNotContain("(G)");
    }

    @Test
    void rulesOfThe2024RuleAreInForceOnlyFromItsEffectiveDate() {
        RuleInfo exception4 = ruleset.engine().rules().stream()
                .filter(r -> r.ruleId().equals("T1-05(4)") && r.tag().equals("V")).findFirst().orElseThrow(); // [V] since K-25
        assertThat(exception4.inForceOn(LocalDate.of(2024, 8, 27))).isFalse();
        assertThat(exception4.inForceOn(LocalDate.of(2024, 8, 28))).isTrue();
    }

    @Test
    void aRuleWithoutACitedRuleIdIsRefusedAtStartUp() {
        Map<String, byte[]> broken = new HashMap<>(files.files());
        broken.put("extra/bad.drl", """
                package rules.extra;
                import org.refugio.eligibility.facts.*;
                global org.refugio.eligibility.drools.SessionDecisions decisions;
                rule "a rule with no legal source"
                    ruleflow-group "principal"
                when
                    Person()
                then
                end
                """.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Ruleset.compile(new RulesetFiles(broken)))
                .hasMessageContaining("a rule with no legal source").hasMessageContaining("@ruleId");
    }
}
