package org.refugio.eligibility;

/** G-01: a NOT_ELIGIBLE that is not a legal failure (the person already holds what the program gives). */
public enum ReasonCode {
    NOT_NEEDED
}
