package org.refugio.eligibility.facts;

/** Bona fide determination (T1-12). */
public enum BfdStatus {
    NONE,
    PENDING,
    GRANTED,
    NOT_BONA_FIDE
}
