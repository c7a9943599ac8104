package org.refugio.eligibility.facts;

/** What the perpetrator sought (TIP-03, TIP-04, TIP-07). */
public enum VictimizationKind {
    SEX,
    LABOR,
    OTHER
}
