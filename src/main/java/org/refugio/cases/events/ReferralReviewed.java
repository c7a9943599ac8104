package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A caseworker reviewed a proposed referral: CONFIRMED, PROVIDER_CHANGED (with a reason code; the reason text is
 * kept with the referral), or REVIEW_DEADLINE_PASSED (actor system: it goes out as proposed).
 */
public record ReferralReviewed(UUID caseId, Instant occurredAt, String actor, UUID referralId, String decision,
                               UUID previousProviderId, UUID providerId, String reasonCode)
        implements CaseEvent {

    @Override
    public String action() {
        return "REFERRAL_REVIEWED";
    }

    @Override
    public String outcome() {
        return decision;
    }

    @Override
    public List<String> ruleIds() {
        return List.of();
    }
}
