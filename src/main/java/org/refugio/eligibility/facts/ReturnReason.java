package org.refugio.eligibility.facts;

/** T1-05 exceptions 1-5, 8 CFR 214.207(b). */
public enum ReturnReason {
    CONTINUED_VICTIMIZATION,
    NEW_TRAFFICKING,
    LEA_ALLOWED_REENTRY,
    INVESTIGATION_PARTICIPATION,
    TREATMENT_UNAVAILABLE_AT_HOME
}
