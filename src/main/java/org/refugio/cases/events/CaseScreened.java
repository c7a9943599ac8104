package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The case was screened (at intake, by adopting a stored screening, or again with follow-up facts) and routing
 * facts were updated. {@code trigger}: INTAKE, FROM_SCREENING or RESCREEN; outcome: the referral target.
 */
public record CaseScreened(UUID caseId, Instant occurredAt, String actor, UUID screeningId, String trigger,
                           String rulesetVersion, String rulesetSha256, String target, boolean urgent,
                           boolean needsMoreInformation, List<String> ruleIds)
        implements CaseEvent {

    @Override
    public String action() {
        return "CASE_SCREENED";
    }

    @Override
    public String outcome() {
        return target;
    }
}
