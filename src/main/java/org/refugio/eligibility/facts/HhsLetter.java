package org.refugio.eligibility.facts;

/** HHS letters (LSC-A-03). */
public enum HhsLetter {
    INTERIM_ASSISTANCE,
    ELIGIBILITY,
    CERTIFICATION
}
