package org.refugio.eligibility.facts;

/** Mexican-law facts (MX-02, MX-06). */
public record MexicoFacts(Boolean complaintFiledWithProsecutor, MexicoRole role) { }
