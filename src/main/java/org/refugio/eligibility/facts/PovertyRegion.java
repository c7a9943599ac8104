package org.refugio.eligibility.facts;

/** HHS poverty-guideline table (LSC-F-01). */
public enum PovertyRegion {
    STATES_48_AND_DC,
    ALASKA,
    HAWAII
}
