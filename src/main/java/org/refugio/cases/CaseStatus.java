package org.refugio.cases;

/** A case is REFERRAL_PENDING until it ends in one of the other two; never "not referred" (LA-01). */
public enum CaseStatus {
    REFERRAL_PENDING,
    REFERRAL_ACCEPTED,
    CLIENT_DECLINED_REFERRAL
}
