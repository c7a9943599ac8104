package org.refugio.eligibility.facts;

import java.time.LocalDate;

/**
 * The person screened. Ages are ranges, because an estimated age can blur a threshold: a Boolean such as
 * {@code minor} is null when the facts cannot tell.
 *
 * @param minor             under 18 on the screening date
 * @param under21           under 21 on the screening date
 * @param minorAtAnyAct     under 18 at the first act of at least one victimization (T1-06(a))
 * @param under16AtFirstAct under 16 when the first element of a crime occurred (U-04, U-05)
 * @param under21AtFiling   under 21 on the date the I-914 was or will be filed (TD-01)
 * @param twentyFirstBirthday exact, or the earliest possible when only an age is known
 */
public record Person(LocalDate dateOfBirth, Integer ageEstimate, Integer ageMin, Integer ageMax, Boolean minor,
                     Boolean under21,
                     LocalDate eighteenthBirthday, LocalDate twentyFirstBirthday, Citizenship citizenship,
                     String nationality, Boolean mexicanNational, ImmigrationStatus immigrationStatus,
                     String nonimmigrantClass, LocalDate statusValidUntil, EntryManner entryManner,
                     Boolean entryForInvestigation, Boolean married, String country, String usState,
                     Boolean atPortOfEntry, Boolean inUnitedStates, Boolean inMexico, RemovalStage removalStage,
                     Boolean detained, Boolean removalScheduled, Boolean minorAtAnyAct, Boolean under16AtFirstAct,
                     Boolean under21AtFiling) {

    public boolean isCitizenOrPermanentResident() {
        return citizenship == Citizenship.US_CITIZEN || citizenship == Citizenship.US_NATIONAL
                || citizenship == Citizenship.LPR || citizenship == Citizenship.CONDITIONAL_LPR;
    }
}
