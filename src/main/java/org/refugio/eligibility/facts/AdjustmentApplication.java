package org.refugio.eligibility.facts;

/** The person's application for adjustment to permanent residence; REJECTED per 45 CFR 1626.2(i) (K-19). */
public enum AdjustmentApplication {
    NOT_FILED,
    FILED_NOT_REJECTED,
    REJECTED
}
