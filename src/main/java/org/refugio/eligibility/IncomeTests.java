package org.refugio.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.refugio.eligibility.facts.IncomeBasis;
import org.refugio.eligibility.facts.IncomeTest;
import org.refugio.eligibility.facts.Money;

/**
 * Measures the household's income against the poverty guideline in force on the screening date, counted
 * both ways the LSC rules may need: the whole household, and without a domestic-violence perpetrator
 * (LSC-F-04). Which one applies is the rules' decision.
 */
public final class IncomeTests {

    private static final BigDecimal CEILING = new BigDecimal("1.25");
    private static final BigDecimal EXCEPTION_LINE = new BigDecimal("2");

    private IncomeTests() {
    }

    public static List<IncomeTest> of(Money money, PovertyGuidelines guidelines, LocalDate asOf) {
        BigDecimal withoutAbuser = null;
        Integer sizeWithoutAbuser = money.householdSizeExcludingAbuser();
        if (money.annualIncome() != null && money.abuserAnnualIncome() != null) {
            withoutAbuser = money.annualIncome().subtract(money.abuserAnnualIncome());
            if (sizeWithoutAbuser == null && money.abuserAnnualIncome().signum() == 0) {
                // The schema records 0 when no abuser lives in the household.
                sizeWithoutAbuser = money.householdSize();
            }
        }
        return List.of(
                test(IncomeBasis.WHOLE_HOUSEHOLD, money.annualIncome(), money.householdSize(), money, guidelines, asOf),
                test(IncomeBasis.EXCLUDING_ABUSER, withoutAbuser, sizeWithoutAbuser, money, guidelines, asOf),
                test(IncomeBasis.WHOLE_INCOME_ABUSER_SHARE_UNKNOWN, money.annualIncome(),
                        money.householdSizeExcludingAbuser() != null ? money.householdSizeExcludingAbuser()
                                : money.householdSize(), money, guidelines, asOf));
    }

    private static IncomeTest test(IncomeBasis basis, BigDecimal income, Integer size, Money money,
                                   PovertyGuidelines guidelines, LocalDate asOf) {
        PovertyGuidelines.Row row = money.region() == null ? null : guidelines.inForce(money.region(), asOf);
        if (income == null || size == null || row == null) {
            return new IncomeTest(basis, false, income, size, money.region(),
                    row == null ? null : row.effectiveFrom(), null, null, null, null);
        }
        BigDecimal guideline = row.guideline(size);
        BigDecimal ceiling125 = guideline.multiply(CEILING);
        BigDecimal ceiling200 = guideline.multiply(EXCEPTION_LINE);
        return new IncomeTest(basis, true, income, size, money.region(), row.effectiveFrom(), ceiling125, ceiling200,
                income.compareTo(ceiling125) <= 0, income.compareTo(ceiling200) <= 0);
    }
}
