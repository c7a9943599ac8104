package org.refugio.eligibility;

/** LA-03 reasons to expedite a referral. */
public enum UrgencyReason {
    FINAL_REMOVAL_ORDER,
    DETAINED,
    REMOVAL_SCHEDULED,
    DERIVATIVE_DEADLINE
}
