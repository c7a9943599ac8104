package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider did not answer by the deadline; the case moves to the next suitable provider.
 */
public record ProviderResponseOverdue(UUID caseId, Instant occurredAt, String actor, UUID referralId, UUID providerId)
        implements CaseEvent {

    @Override
    public String action() {
        return "PROVIDER_RESPONSE_OVERDUE";
    }

    @Override
    public String outcome() {
        return "NO_RESPONSE";
    }

    @Override
    public List<String> ruleIds() {
        return List.of();
    }
}
