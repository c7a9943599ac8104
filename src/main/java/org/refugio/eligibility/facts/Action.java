package org.refugio.eligibility.facts;

/** TIP-01, TIP-04(a). */
public enum Action {
    RECRUIT,
    HARBOR,
    TRANSPORT,
    PROVIDE,
    OBTAIN,
    PATRONIZE,
    SOLICIT
}
