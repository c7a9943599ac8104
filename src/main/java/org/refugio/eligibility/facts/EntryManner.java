package org.refugio.eligibility.facts;

/** Manner of the most recent entry (T1-04(5), T1-08). */
public enum EntryManner {
    ADMITTED,
    PAROLED,
    WITHOUT_INSPECTION
}
