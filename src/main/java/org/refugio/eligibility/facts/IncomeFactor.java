package org.refugio.eligibility.facts;

/** LSC-F-05(a)(4) factors. */
public enum IncomeFactor {
    INCOME_PROSPECTS,
    MEDICAL_COSTS,
    FIXED_DEBTS,
    DEPENDENT_CARE,
    WORK_OR_TRAINING_COSTS,
    AGE_OR_DISABILITY_COSTS,
    CURRENT_TAXES,
    OTHER_SIGNIFICANT
}
