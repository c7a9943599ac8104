package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * No suitable provider is left: a supervisor task opened. The case stays REFERRAL_PENDING.
 */
public record ReferralEscalated(UUID caseId, Instant occurredAt, String actor, int providersAlreadyAsked,
                                List<String> ruleIds)
        implements CaseEvent {

    @Override
    public String action() {
        return "REFERRAL_ESCALATED";
    }

    @Override
    public String outcome() {
        return "SUPERVISOR_TASK_OPENED";
    }
}
