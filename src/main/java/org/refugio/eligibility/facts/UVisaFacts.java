package org.refugio.eligibility.facts;

/**
 * U-specific facts (U-02..U-05); crimes and helpfulness live in victimizations and law enforcement. The substitute
 * is a parent, guardian or next friend who may hold the information and help (8 CFR 214.14(a)(7), (b)(2)-(3); K-12).
 */
public record UVisaFacts(Boolean harmDescribed, Boolean hasInformation, Boolean culpable,
                         Boolean laterRelatedCrimes, SubstituteRole substituteRole, Boolean substituteHasInformation,
                         Boolean substituteHelpful) { }
