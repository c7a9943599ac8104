package org.refugio.eligibility.facts;

/** Inadmissibility and bars (T1-08, T1-09, U-08); counts are null when the list is unknown. */
public record Admissibility(Integer groundCount, Integer convictionCount, Boolean ftoLinkedConduct,
                           Boolean committedTrafficking, Boolean committedTraffickingCoerced) { }
