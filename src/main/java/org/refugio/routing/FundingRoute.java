package org.refugio.routing;

import java.util.UUID;

import org.refugio.eligibility.ReferralTarget;

/** The law lets this provider's money serve the case under this target (a fact the funding rules derive). */
public record FundingRoute(UUID providerId, ReferralTarget target, TargetTier tier, int rank) { }
