package org.refugio.eligibility.facts;

/** Whose income counts (LSC-F-02, LSC-F-04). */
public enum IncomeBasis {
    WHOLE_HOUSEHOLD,
    EXCLUDING_ABUSER
}
