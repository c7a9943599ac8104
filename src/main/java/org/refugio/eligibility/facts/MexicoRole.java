package org.refugio.eligibility.facts;

/** Role in a Mexican criminal case (MX-02, MX-06). */
public enum MexicoRole {
    VICTIM,
    OFFENDED_PARTY,
    WITNESS
}
