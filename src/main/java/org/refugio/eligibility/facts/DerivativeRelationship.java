package org.refugio.eligibility.facts;

/** Relationship to a T-1 or U-1 principal; SIBLING = unmarried sibling under 18 at the principal's filing (K-07, K-15). */
public enum DerivativeRelationship {
    SPOUSE,
    CHILD,
    PARENT,
    SIBLING,
    CHILD_OF_DERIVATIVE
}
