package org.refugio.eligibility;

/** LSC-A-OUT: full legal assistance (1626.4(a)(2), 1626.5, citizens) or help related to the abuse (1626.4(a)(1)). */
public enum LscScope {
    FULL, RELATED
}
