package org.refugio.eligibility.facts;

/** 45 CFR 1626.5(b): the person is this relative of a U.S. citizen (K-19). */
public enum UsCitizenRelationship {
    SPOUSE,
    PARENT,
    UNMARRIED_CHILD_UNDER_21
}
