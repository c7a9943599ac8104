package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The case ended: REFERRAL_ACCEPTED (with the accepted referral) or CLIENT_DECLINED_REFERRAL; a case never ends as
 * not referred (LA-01).
 */
public record CaseClosed(UUID caseId, Instant occurredAt, String actor, String status, UUID referralId)
        implements CaseEvent {

    @Override
    public String action() {
        return "CASE_CLOSED";
    }

    @Override
    public String outcome() {
        return status;
    }

    @Override
    public List<String> ruleIds() {
        return List.of("LA-01");
    }
}
