package org.refugio.routing;

import org.refugio.eligibility.ReferralTarget;

/**
 * A referral target open to the case (a fact the provider-choice rules derive), with its rank: the primary
 * target is 0, the screening's alternatives follow in its order, the last resort comes last.
 */
public record TargetOption(ReferralTarget target, TargetTier tier, int rank) { }
