package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider-choice rules made a routing decision: a provider proposed, or none suitable left (then
 * {@link ReferralEscalated} follows).
 */
public record ReferralRouted(UUID caseId, Instant occurredAt, String actor, UUID referralId, UUID providerId,
                             String target, String tier, int attempt, int providersExcluded, List<String> ruleIds)
        implements CaseEvent {

    @Override
    public String action() {
        return "REFERRAL_ROUTED";
    }

    @Override
    public String outcome() {
        return providerId == null ? "NO_SUITABLE_PROVIDER" : "PROVIDER_PROPOSED";
    }
}
