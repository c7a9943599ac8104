package org.refugio.eligibility.facts;

/** A legal matter the person needs help with (LSC-A-04 scope, LA-02 routing). */
public record LegalMatter(int index, String subject, LegalMatterType type, Boolean relatedToVictimization) { }
