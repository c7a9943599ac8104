package org.refugio.eligibility;

/** LA-02 referral targets. */
public enum ReferralTarget {
    LSC_RECIPIENT,
    LSC_RECIPIENT_NON_LSC_FUNDS,
    NON_LSC_PROVIDER,
    MEXICAN_PROVIDER
}
