package org.refugio.routing;

/** How a referral target ranks for one case; earlier tiers are tried first. */
public enum TargetTier {
    /** The target the screening chose (LA-02). */
    PRIMARY,
    /** A target the screening also allows (LA-02: funding settled later, or a second route). */
    ALTERNATIVE,
    /** A provider that takes no LSC money can serve anyone (LA-01, LSC-00): used when nobody else is left. */
    LAST_RESORT
}
