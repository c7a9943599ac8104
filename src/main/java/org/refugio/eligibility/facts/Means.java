package org.refugio.eligibility.facts;

/** TIP-05. */
public enum Means {
    FORCE,
    FRAUD,
    THREATS,
    COERCIVE_SCHEME,
    ABUSE_OF_LEGAL_PROCESS
}
