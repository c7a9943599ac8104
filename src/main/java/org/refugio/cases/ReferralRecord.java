package org.refugio.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.refugio.eligibility.ReferralTarget;

/** One referral of a case to one provider, with who chose it and why, and how the provider answered. */
record ReferralRecord(UUID id, UUID caseId, int attempt, UUID providerId, ReferralTarget target, ReferralStatus status,
                      ChosenBy chosenBy, String chosenByUser, String choiceReasonCode, String choiceReason,
                      List<String> ruleIds, String routingReasons, Instant proposedAt, Instant reviewedAt,
                      String reviewedBy, String reviewOutcome, Instant sentAt, Instant responseDueAt,
                      Instant respondedAt, String respondedBy, String responseReasonCode, String responseReason) { }
