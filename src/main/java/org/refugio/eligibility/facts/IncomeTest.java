package org.refugio.eligibility.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Income measured against the HHS poverty guideline in force on the screening date, for one way of counting
 * the household. {@code known} is false when income, household size or the guideline table is missing.
 */
public record IncomeTest(IncomeBasis basis, boolean known, BigDecimal countedIncome, Integer householdSize,
                         PovertyRegion region, LocalDate guidelineEffective, BigDecimal ceiling125,
                         BigDecimal ceiling200, Boolean within125, Boolean within200) { }
