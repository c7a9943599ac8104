package org.refugio.eligibility.facts;

/** Special LSC groups of 45 CFR 1626.5(d) and 1626.10(b)-(e) (K-19). */
public enum LscSpecialCategory {
    CONDITIONAL_ENTRANT_BEFORE_1980,
    CANADIAN_BORN_AMERICAN_INDIAN,
    TEXAS_BAND_OF_KICKAPOO,
    SPECIAL_AGRICULTURAL_WORKER,
    HAGUE_CONVENTION_APPLICANT
}
