package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * A relative who might follow the principal. What the law makes of the relative's age and dates (under 21 or 18 on
 * the principal's filing date, TD-01/TD-05/TD-07; turned 21 while the application was pending, TD-05; under 18 at
 * the wedding, TD-05; relationship formed after the approval, TD-08) is derived by the rules
 * (rules/tvisa/derivative-timing.drl) from the facts here.
 *
 * @param birthWindow                 when the relative was born: exact, or the range an age allows; null when unknown
 * @param under21Now                  on the screening date
 * @param twentyFirstBirthday         exact, or the earliest possible when only an age is known
 * @param weddingDate                 the marriage that made the relationship (own, or the spouse's for a stepchild)
 * @param relationshipBegan           when the relationship began: a child's birth, else the wedding date
 * @param abuseSuffered               for a child or stepchild: what the child suffered; null when unknown, empty
 *                                    when recorded none (K-14 branch input, K-00)
 * @param abuseInUsOrViolatedUsLaw    nexus of the child's abuse (K-14)
 * @param personActivelyParticipated  the screened person took part in that abuse (K-14)
 */
public record FamilyMember(int index, String id, String subject, Relationship relationship, String viaMemberId,
                           LocalDate dateOfBirth, Boolean married, Citizenship citizenship, Boolean inUnitedStates,
                           LocalDate relationshipStartDate, Boolean dangerOfRetaliation, Evidence dangerEvidence,
                           ApplicationStatus supplementAStatus, Boolean ageKnown, BirthWindow birthWindow,
                           Boolean under21Now, LocalDate eighteenthBirthday,
                           LocalDate twentyFirstBirthday, LocalDate weddingDate, LocalDate relationshipBegan,
                           Set<ChildAbuse> abuseSuffered, Boolean abuseInUsOrViolatedUsLaw,
                           Boolean personActivelyParticipated) {

    public boolean suffered(ChildAbuse abuse) {
        return abuseSuffered != null && abuseSuffered.contains(abuse);
    }
}
