package org.refugio.eligibility.facts;

/** Best evidence held. */
public enum Evidence {
    NONE,
    OWN_STATEMENT,
    PROFESSIONAL_STATEMENT,
    LEA_STATEMENT,
    DOCUMENTS,
    OTHER
}
