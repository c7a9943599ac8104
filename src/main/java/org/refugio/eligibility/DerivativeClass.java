package org.refugio.eligibility;

/** Derivative T classes, 8 CFR 214.1(a)(1)(viii). */
public enum DerivativeClass {
    T2, T3, T4, T5, T6;

    public boolean isOwnRelationship() {
        return this != T6;
    }
}
