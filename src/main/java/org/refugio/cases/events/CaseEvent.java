package org.refugio.cases.events;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.refugio.audit.AuditEntry;
import org.refugio.audit.Auditable;

/**
 * Something that happened to a case, published as a Spring application event synchronously inside the transaction
 * that made the change, so a listener that fails rolls the change back. Events carry ids, codes and rule IDs only:
 * no name, contact data, facts or free text (8 U.S.C. 1367). Free-text reasons stay in the case tables.
 */
public sealed interface CaseEvent extends Auditable permits CaseScreened, ReferralRouted, ReferralEscalated, ReferralReviewed,
        EscalationResolved, ReferralSent, ProviderResponded, ProviderResponseOverdue, ClientDeclinedReferral,
        CaseClosed {

    /** The actor of automatic steps: the rules engine or the workflow. */
    String SYSTEM = "system";

    UUID caseId();

    Instant occurredAt();

    /** The staff user id, the provider's respondent, or {@link #SYSTEM}. */
    String actor();

    /** What happened, e.g. {@code REFERRAL_ROUTED}. */
    String action();

    /** How it came out, e.g. {@code PROVIDER_PROPOSED}. */
    String outcome();

    /** The rule IDs that decided it (empty for a person's decision). */
    List<String> ruleIds();

    /**
     * Every routing decision, override and provider response leaves an audit record (issue 4), with the event's
     * ids and codes as its detail: the events carry no personal data, so neither does the record.
     */
    @Override
    default AuditEntry auditEntry() {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (RecordComponent component : getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals("caseId") || name.equals("occurredAt") || name.equals("actor")) {
                continue;
            }
            try {
                Object value = component.getAccessor().invoke(this);
                if (value instanceof UUID || value instanceof Instant || value instanceof Enum<?>) {
                    detail.put(name, value.toString());
                } else if (value != null) {
                    detail.put(name, value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("event " + getClass().getSimpleName() + " is not readable", e);
            }
        }
        if (outcome() != null) {
            detail.put("outcome", outcome());
        }
        AuditEntry entry = AuditEntry.of(action(), caseId().toString()).withActor(actor()).withDetail(detail);
        if (this instanceof CaseScreened screened) {
            entry = entry.withDecision(screened.screeningId());
            if (screened.rulesetSha256() != null) {
                entry = entry.withRuleset(screened.rulesetVersion(), screened.rulesetSha256());
            }
        }
        return entry;
    }
}
