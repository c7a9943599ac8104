package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.Status;
import org.refugio.ruleset.Ruleset;

/**
 * Criteria 8.4: the 2026 Alaska one-person guideline ($19,950) equals the 48-state 125% ceiling, so the region
 * must really be applied: $22,000 for one person is within the Alaska ceiling and above the 48-state one.
 */
class PovertyGuidelineRegionTest {

    static Ruleset ruleset;

    @BeforeAll
    static void load() {
        ruleset = RulesetScenariosTest.ruleset();
    }

    static Evaluation.CriterionOutcome income(String region, String asOf) throws Exception {
        String facts = """
                {"asOfDate":"%s","person":{"ageEstimate":30,"citizenship":"US_CITIZEN","currentLocation":{"country":"US"}},
                 "victimizations":[],
                 "money":{"householdSize":1,"annualIncome":22000,"assetsWithinCeiling":true,"povertyGuidelineRegion":"%s",
                          "incomeExceptions":{"keepLowIncomeBenefits":false,"medicalCostsBringWithinCeiling":false,
                                              "obtainLowIncomeOrDisabilityBenefits":false,"otherFactors":[],
                                              "incomeOnlyFromLowIncomeProgram":false}}}
                """.formatted(asOf, region);
        ScreeningFacts parsed = RulesetScenariosTest.JSON.readValue(facts, ScreeningFacts.class);
        Evaluation evaluation = ruleset.engine().evaluate(FactsMapper.map(parsed, LocalDate.parse(asOf)));
        return evaluation.program(Program.LSC_LEGAL_AID).criteria().stream()
                .filter(c -> c.criterion().equals("LSC-F-OUT")).findFirst().orElseThrow();
    }

    @Test
    void oneAdultWith22000IsWithinTheAlaskaCeiling() throws Exception {
        assertThat(income("ALASKA", "2026-11-26").status()).isEqualTo(Status.ELIGIBLE);
    }

    @Test
    void theSameFactsInThe48StatesAreAboveTheCeiling() throws Exception {
        assertThat(income("STATES_48_AND_DC", "2026-11-26").status()).isEqualTo(Status.NOT_ELIGIBLE);
    }

    @Test
    void theTableInForceOnTheScreeningDateApplies() throws Exception {
        // 2025 Alaska: 125% of $19,550 = $24,437.50, so $22,000 is within it too.
        assertThat(income("ALASKA", "2025-06-01").status()).isEqualTo(Status.ELIGIBLE);
        // Before the first table loaded here, income cannot be judged: unknown, never "no".
        assertThat(income("ALASKA", "2024-06-01").status()).isEqualTo(Status.NEEDS_MORE_INFORMATION);
    }
}
