package org.refugio.eligibility.facts;

/** The principal's program a derivative relative follows (K-07, K-15). */
public enum DerivativeProgram {
    /** INA 101(a)(15)(T)(ii). */
    T,
    /** INA 101(a)(15)(U)(ii). */
    U
}
