package org.refugio.eligibility.facts;

/** Who may hold the information and help for the person, 8 CFR 214.14(a)(7), (b)(2)-(3) (U-04, U-05; K-12). */
public enum SubstituteRole {
    PARENT,
    GUARDIAN,
    NEXT_FRIEND
}
