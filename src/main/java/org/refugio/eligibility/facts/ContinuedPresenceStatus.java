package org.refugio.eligibility.facts;

/** CP-01, HHS-C-01(c). */
public enum ContinuedPresenceStatus {
    NONE,
    REQUESTED,
    GRANTED,
    EXPIRED
}
