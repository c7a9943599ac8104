package org.refugio.eligibility.facts;

import java.time.LocalDate;

/**
 * Contact with law enforcement agencies (LEA as defined in T1-06).
 *
 * @param reported          told an LEA about the victimization (false = no contact, or none reported)
 * @param leaInvolved       at least one LEA contact is recorded
 * @param refusedReasonableRequest refused or only partly met a request recorded as reasonable
 * @param refusedRequestOfUnknownReasonableness refused a request whose reasonableness is not recorded
 * @param complianceUnknown a request whose answer is not recorded
 */
public record LawEnforcement(Integer contactCount, Boolean reported, Boolean leaInvolved, Boolean federalContact,
                             Integer requestCount, Boolean refusedReasonableRequest,
                             Boolean refusedRequestOfUnknownReasonableness, Boolean complianceUnknown,
                             Boolean willingToAssist, Boolean cooperating, Boolean traumaPreventsCooperation,
                             Evidence traumaEvidence, Boolean i914SupplementBObtained, Boolean i918SupplementBObtained,
                             LocalDate i918SupplementBSignedDate, ContinuedPresenceStatus continuedPresence,
                             LocalDate continuedPresenceGranted, LocalDate continuedPresenceExpires) { }
