package org.refugio.eligibility;

public enum NoteKind {
    /** A point an attorney must confirm before relying on the result. */
    ATTORNEY_REVIEW,
    /** Something the law requires the screener to do now (e.g. HHS-E-03). */
    TASK,
    INFO
}
