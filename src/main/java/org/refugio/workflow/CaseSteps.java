package org.refugio.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * The automatic steps of the legal-aid referral process, carried out by the case domain. The engine calls them
 * inside its transaction and keeps only what they return: the case id and routing facts, never personal data.
 */
public interface CaseSteps {

    /** Screens the facts waiting on the case (or adopts its stored screening) and stores the decision. */
    Screened screen(UUID caseId);

    /** Chooses a provider by the rules and proposes a referral to it; none found means escalation. */
    Proposal chooseProvider(UUID caseId);

    /**
     * When the referral must have been delivered (issue 12): the response deadline it would have if it went out now.
     * A delivery still failing then escalates as a no-answer does ({@link #recordNoResponse}).
     */
    Instant deliveryDeadline(UUID caseId, UUID referralId);

    /** Sends the referral; a second call for the same referral sends nothing more. */
    Dispatch sendReferral(UUID caseId, UUID referralId);

    /** Nobody reviewed the referral in time: it goes out as the rules proposed it. */
    void recordReviewLapsed(UUID caseId, UUID referralId);

    /**
     * The provider let the response deadline pass, or the referral could not be delivered to it by then: either way
     * the provider is not asked again for this case.
     */
    void recordNoResponse(UUID caseId, UUID referralId);

    void closeAsReferred(UUID caseId, UUID referralId);

    void closeAsClientDeclined(UUID caseId);

    /**
     * What the process branches on after a screening, and nothing more: the routing facts stay on the case, where
     * routing reads them, not in the engine's variables (8 U.S.C. 1367; and two rows each per case).
     */
    record Screened(boolean needsMoreInformation) { }

    /** @param reviewDueAt when the referral goes out as proposed if nobody reviewed it */
    record Proposal(boolean providerFound, UUID referralId, UUID providerId, Instant reviewDueAt) { }

    record Dispatch(Instant responseDueAt) { }
}
