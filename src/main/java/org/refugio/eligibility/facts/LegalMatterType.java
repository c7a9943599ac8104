package org.refugio.eligibility.facts;

/** LSC-A-04 scope, LA-02 routing. */
public enum LegalMatterType {
    T_OR_U_APPLICATION,
    PROTECTIVE_ORDER,
    CUSTODY,
    HOUSING,
    EVICTION,
    BENEFITS,
    EMPLOYMENT,
    WAGE_CLAIM,
    CRIMINAL,
    MEXICAN_LAW,
    OTHER
}
