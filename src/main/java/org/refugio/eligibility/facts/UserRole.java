package org.refugio.eligibility.facts;

/** Who runs the screening (HHS-E-03). */
public enum UserRole {
    NGO_CASEWORKER,
    INTAKE_SYSTEM,
    FEDERAL_OFFICIAL,
    STATE_OFFICIAL,
    LOCAL_OFFICIAL
}
