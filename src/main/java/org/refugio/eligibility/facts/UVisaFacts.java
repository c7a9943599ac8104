package org.refugio.eligibility.facts;

/** U-specific facts (U-02..U-04); crimes and helpfulness live in victimizations and law enforcement. */
public record UVisaFacts(Boolean harmDescribed, Boolean hasInformation, Boolean culpable,
                         Boolean laterRelatedCrimes) { }
