package org.refugio.eligibility.facts;

/** Current U.S. status of a noncitizen (LSC-A-02, LSC-A-03(B)). */
public enum ImmigrationStatus {
    NONE,
    NONIMMIGRANT,
    PAROLE,
    T_APPLICANT,
    T1,
    T_DERIVATIVE,
    U_APPLICANT,
    U,
    CONTINUED_PRESENCE,
    ASYLEE,
    REFUGEE,
    WITHHOLDING,
    OTHER
}
