package org.refugio.eligibility.facts;

/** Crimes an event amounts to that are not on the U list (VOCA-01, MX-01, MX-02, MX-04; K-10). */
public enum OtherCrime {
    ROBBERY,
    THEFT,
    FRAUD,
    ASSAULT,
    THREATS,
    BURGLARY,
    PROPERTY_DAMAGE,
    OTHER
}
