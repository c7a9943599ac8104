package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider answered: ACCEPTED or DECLINED (with a reason code). The actor is the providers respondent.
 */
public record ProviderResponded(UUID caseId, Instant occurredAt, String actor, UUID referralId, UUID providerId,
                                String response, String reasonCode)
        implements CaseEvent {

    @Override
    public String action() {
        return "PROVIDER_RESPONDED";
    }

    @Override
    public String outcome() {
        return response;
    }

    @Override
    public List<String> ruleIds() {
        return List.of();
    }
}
