package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A supervisor resolved an escalation: REFER_TO a provider they chose (with a reason code), or RETRY_MATCHING.
 */
public record EscalationResolved(UUID caseId, Instant occurredAt, String actor, String decision, UUID referralId,
                                 UUID providerId, String reasonCode)
        implements CaseEvent {

    @Override
    public String action() {
        return "ESCALATION_RESOLVED";
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
