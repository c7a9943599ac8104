package org.refugio.eligibility.facts;

/** Mexican-law facts (MX-02, MX-06); a witness of a crime in Mexico opens the MX-02 witness path (K-10). */
public record MexicoFacts(Boolean complaintFiledWithProsecutor, MexicoRole role, Boolean witnessedCrimeInMexico) { }
