package org.refugio.eligibility.facts;

import org.refugio.eligibility.ReferralTarget;

/**
 * A target an LA-02 rule chose, as later rules of the referral stage see it (K-28, LSC-00).
 *
 * @param primary false for an alternative target
 * @param matter  the legal matter this choice is for, null for the person's referral as a whole
 */
public record ReferralChoice(ReferralTarget target, boolean primary, String matter) { }
