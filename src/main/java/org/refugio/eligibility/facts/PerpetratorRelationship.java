package org.refugio.eligibility.facts;

/** LSC-F-04, LSC-F-08, TIP-07. */
public enum PerpetratorRelationship {
    INTIMATE_PARTNER,
    HOUSEHOLD_MEMBER,
    FAMILY,
    EMPLOYER,
    SMUGGLER,
    GANG,
    OTHER
}
