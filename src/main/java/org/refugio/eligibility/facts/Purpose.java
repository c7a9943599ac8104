package org.refugio.eligibility.facts;

/** TIP-02, TIP-04(c). */
public enum Purpose {
    COMMERCIAL_SEX,
    INVOLUNTARY_SERVITUDE,
    PEONAGE,
    DEBT_BONDAGE,
    SLAVERY
}
