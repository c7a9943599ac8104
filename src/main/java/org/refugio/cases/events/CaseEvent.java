package org.refugio.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something that happened to a case, published as a Spring application event synchronously inside the transaction
 * that made the change, so a listener that fails rolls the change back. Events carry ids, codes and rule IDs only:
 * no name, contact data, facts or free text (8 U.S.C. 1367). Free-text reasons stay in the case tables.
 */
public sealed interface CaseEvent permits CaseScreened, ReferralRouted, ReferralEscalated, ReferralReviewed,
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
}
