package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The client declined the referral, as recorded by the actor (the reason text is kept with the case).
 */
public record ClientDeclinedReferral(UUID caseId, Instant occurredAt, String actor, String reasonCode)
        implements CaseEvent {

    @Override
    public String action() {
        return "CLIENT_DECLINED_REFERRAL";
    }

    @Override
    public String outcome() {
        return reasonCode;
    }

    @Override
    public List<String> ruleIds() {
        return List.of();
    }
}
