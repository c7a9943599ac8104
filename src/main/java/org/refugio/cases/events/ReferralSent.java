package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The referral went to the provider; its answer is due by {@code responseDueAt} (shorter when urgent, LA-03).
 */
public record ReferralSent(UUID caseId, Instant occurredAt, String actor, UUID referralId, UUID providerId,
                           boolean urgent, Instant responseDueAt, boolean identityShared, UUID consentId)
        implements CaseEvent {

    @Override
    public String action() {
        return "REFERRAL_SENT";
    }

    @Override
    public String outcome() {
        return "SENT";
    }

    @Override
    public List<String> ruleIds() {
        return urgent ? List.of("LA-03") : List.of();
    }
}
