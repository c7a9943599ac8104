package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * The person screened. Ages are ranges, because an estimated age can blur a threshold: a Boolean such as
 * {@code minor} is null when the facts cannot tell.
 *
 * @param minor             under 18 on the screening date
 * @param under21           under 21 on the screening date
 * @param minorAtAnyAct     under 18 at the first act of at least one victimization (T1-06(a))
 * @param under16AtFirstAct under 16 when the first element of a crime occurred (U-04, U-05)
 * @param birthWindow       when the person was born: exact, or the range an age estimate allows; null when unknown.
 *                          Whether the person was under 21 on the filing date (TD-01) is derived by the rules
 *                          (rules/tvisa/derivative-timing.drl)
 * @param twentyFirstBirthday exact, or the earliest possible when only an age is known
 * @param inUnitedStates    in "the United States" as the T rules read it: the States, DC, PR, VI, GU, MP, and
 *                          American Samoa or a port of entry (8 CFR 214.201, 214.202(b), 214.207(a); K-06)
 * @param inUsOrTerritories also counting the territories and possessions of 8 CFR 214.14(a)(11) (country UM), as
 *                          the U and LSC nexus rules read it (K-06)
 * @param incapacitated     K-12 branch input (K-00)
 * @param lscSpecialCategories K-19 branch input (K-00); null when unknown, empty when recorded none
 * @param h2bForestryWorker K-20
 */
public record Person(LocalDate dateOfBirth, Integer ageEstimate, Integer ageMin, Integer ageMax, Boolean minor,
                     Boolean under21,
                     LocalDate eighteenthBirthday, LocalDate twentyFirstBirthday, Citizenship citizenship,
                     String nationality, Boolean mexicanNational, ImmigrationStatus immigrationStatus,
                     String nonimmigrantClass, LocalDate statusValidUntil, EntryManner entryManner,
                     Boolean entryForInvestigation, Boolean married, String country, String usState,
                     Boolean atPortOfEntry, Boolean inUnitedStates, Boolean inMexico, RemovalStage removalStage,
                     Boolean detained, Boolean removalScheduled, Boolean minorAtAnyAct, Boolean under16AtFirstAct,
                     BirthWindow birthWindow, Boolean inUsOrTerritories, Boolean incapacitated,
                     Set<LscSpecialCategory> lscSpecialCategories, Boolean h2bForestryWorker) {

    public boolean isCitizenOrPermanentResident() {
        return citizenship == Citizenship.US_CITIZEN || citizenship == Citizenship.US_NATIONAL
                || citizenship == Citizenship.LPR || citizenship == Citizenship.CONDITIONAL_LPR;
    }

    public boolean hasLscSpecialCategory(LscSpecialCategory category) {
        return lscSpecialCategories != null && lscSpecialCategories.contains(category);
    }
}
