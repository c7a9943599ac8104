package org.refugio.eligibility.facts;

/** T1-01, U-10, SVC-02, LSC-A-01, LSC-A-02. */
public enum Citizenship {
    US_CITIZEN,
    US_NATIONAL,
    LPR,
    CONDITIONAL_LPR,
    NONCITIZEN
}
