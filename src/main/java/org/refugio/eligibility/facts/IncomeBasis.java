package org.refugio.eligibility.facts;

/** Whose income counts (LSC-F-02, LSC-F-04). */
public enum IncomeBasis {
    WHOLE_HOUSEHOLD,
    EXCLUDING_ABUSER,
    /**
     * K-21: the abuser's share is not known, so the whole income is measured against the household size used for
     * the applicant. 45 CFR 1611.3(e) only takes income out, so passing here passes; failing proves nothing.
     */
    WHOLE_INCOME_ABUSER_SHARE_UNKNOWN
}
