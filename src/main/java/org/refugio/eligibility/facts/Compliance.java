package org.refugio.eligibility.facts;

/** Answer to an LEA request (T1-06(c), U-05). */
public enum Compliance {
    YES,
    NO,
    PARTLY
}
