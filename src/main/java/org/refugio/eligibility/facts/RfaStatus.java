package org.refugio.eligibility.facts;

/** HHS Request for Assistance for a child (HHS-E-01). */
public enum RfaStatus {
    NONE,
    PENDING,
    DECIDED
}
