package org.refugio.eligibility.facts;

/** One T1-07 factor asserted, with the best evidence held. */
public record HardshipFactor(int index, String subject, HardshipFactorType factor, Evidence evidence) { }
