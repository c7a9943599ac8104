package org.refugio.eligibility.facts;

/** Current U.S. status of a noncitizen (LSC-A-02, LSC-A-03(B), LSC-A-04; K-07, K-15, K-16, K-19). */
public enum ImmigrationStatus {
    NONE,
    NONIMMIGRANT,
    PAROLE,
    T_APPLICANT,
    T1,
    T_DERIVATIVE,
    U_APPLICANT,
    U,
    /** Holds U-2..U-5 status (K-15, K-16). */
    U_DERIVATIVE,
    CONTINUED_PRESENCE,
    ASYLEE,
    REFUGEE,
    WITHHOLDING,
    OTHER
}
