package org.refugio.eligibility.facts;

/** Abuse or crime a child of the person suffered, 45 CFR 1626.4(a)(1)(ii) (LSC-A-04; K-14). */
public enum ChildAbuse {
    BATTERY_OR_EXTREME_CRUELTY,
    SEXUAL_ASSAULT,
    TRAFFICKING,
    U_QUALIFYING_CRIME
}
