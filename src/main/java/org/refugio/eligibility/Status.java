package org.refugio.eligibility;

/**
 * Outcome values of G-01, declared from worst to best so that G-02 can combine them by rank.
 */
public enum Status {
    NOT_ELIGIBLE,
    NEEDS_MORE_INFORMATION,
    LIKELY_ELIGIBLE,
    ELIGIBLE;

    public static Status worst(Status a, Status b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    public static Status best(Status a, Status b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public boolean isFavorable() {
        return this == ELIGIBLE || this == LIKELY_ELIGIBLE;
    }

    /** Caps a value at {@code ceiling}: a derivative can never be better than its principal. */
    public Status atMost(Status ceiling) {
        return worst(this, ceiling);
    }
}
