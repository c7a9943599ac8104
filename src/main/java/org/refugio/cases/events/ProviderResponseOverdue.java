package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider did not answer by the deadline; the case moves to the next suitable provider. {@code delivered} is
 * false when the referral never reached the provider: its delivery (webhook, e-mail) kept failing until the response
 * deadline it would have had (issue 12), which escalates the same way.
 */
public record ProviderResponseOverdue(UUID caseId, Instant occurredAt, String actor, UUID referralId, UUID providerId,
                                      boolean delivered)
        implements CaseEvent {

    @Override
    public String action() {
        return "PROVIDER_RESPONSE_OVERDUE";
    }

    @Override
    public String outcome() {
        return delivered ? "NO_RESPONSE" : "NOT_DELIVERED";
    }

    @Override
    public List<String> ruleIds() {
        return List.of();
    }
}
