package org.refugio.eligibility.facts;

import java.math.BigDecimal;
import java.util.Set;

/** Financial facts for LSC-funded help (LSC-F-01..LSC-F-06; K-22 for the asset waiver), as recorded. */
public record Money(Integer householdSize, Integer householdSizeExcludingAbuser, BigDecimal annualIncome,
                    BigDecimal abuserAnnualIncome, Boolean assetsWithinCeiling, PovertyRegion region,
                    Boolean keepLowIncomeBenefits, Boolean medicalCostsBringWithinCeiling,
                    Boolean obtainLowIncomeOrDisabilityBenefits, Set<IncomeFactor> otherFactors,
                    Boolean incomeOnlyFromLowIncomeProgram, Boolean policyKeepLowIncomeBenefits,
                    Boolean policyMedicalCosts, Boolean policyObtainBenefits, Boolean policyOtherFactors,
                    Boolean policyCategoricalEligibility, Boolean policyAssetCeilingWaiver) { }
