package org.refugio.eligibility.facts;

import org.refugio.eligibility.UrgencyReason;

/** LA-03 made the referral urgent for this reason; later rules of the referral stage read it (K-28, LSC-A-10). */
public record UrgentReferral(UrgencyReason reason) { }
