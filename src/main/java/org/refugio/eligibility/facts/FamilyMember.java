package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * A relative who might follow the principal. Ages are judged on the principal's filing date (TD-01).
 *
 * @param under21AtPrincipalFiling    TD-05
 * @param under18AtPrincipalFiling    TD-07 sibling age lock
 * @param under21Now                  on the screening date
 * @param twentyFirstBirthday         exact, or the earliest possible when only an age is known
 * @param turned21WhilePending        the 21st birthday fell after the filing and before any T-1 approval
 * @param weddingDate                 the marriage that made the relationship (own, or the spouse's for a stepchild)
 * @param under18AtWedding            a stepchild was under 18 when the marriage took place (TD-05)
 * @param formedAfterPrincipalApproval the relationship began after the T-1 was approved (TD-08)
 * @param abuseSuffered               for a child or stepchild: what the child suffered; null when unknown, empty
 *                                    when recorded none (K-14 branch input, K-00)
 * @param abuseInUsOrViolatedUsLaw    nexus of the child's abuse (K-14)
 * @param personActivelyParticipated  the screened person took part in that abuse (K-14)
 */
public record FamilyMember(int index, String id, String subject, Relationship relationship, String viaMemberId,
                           LocalDate dateOfBirth, Boolean married, Citizenship citizenship, Boolean inUnitedStates,
                           LocalDate relationshipStartDate, Boolean dangerOfRetaliation, Evidence dangerEvidence,
                           ApplicationStatus supplementAStatus, Boolean ageKnown, Boolean under21AtPrincipalFiling,
                           Boolean under18AtPrincipalFiling, Boolean under21Now, LocalDate eighteenthBirthday,
                           LocalDate twentyFirstBirthday, Boolean turned21WhilePending, LocalDate weddingDate,
                           Boolean under18AtWedding, Boolean formedAfterPrincipalApproval,
                           Set<ChildAbuse> abuseSuffered, Boolean abuseInUsOrViolatedUsLaw,
                           Boolean personActivelyParticipated) {

    public boolean suffered(ChildAbuse abuse) {
        return abuseSuffered != null && abuseSuffered.contains(abuse);
    }
}
