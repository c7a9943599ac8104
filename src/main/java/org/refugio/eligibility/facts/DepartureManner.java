package org.refugio.eligibility.facts;

/** T1-05. */
public enum DepartureManner {
    VOLUNTARY,
    REMOVED,
    TAKEN_BY_TRAFFICKER
}
