package org.refugio.eligibility.facts;

/** Relationship to the principal (TD-02..TD-05). */
public enum Relationship {
    SPOUSE,
    CHILD,
    STEPCHILD,
    PARENT,
    SIBLING,
    CHILD_OF_DERIVATIVE,
    OTHER
}
