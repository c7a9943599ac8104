package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * One trafficking event or other crime. Sets are null when unknown and empty when recorded as none.
 * The Booleans summarise what was recorded without judging it: the rules decide what it means.
 *
 * @param trafficAct       one of recruit, harbor, transport, provide, obtain was done to the person
 * @param buyerAct         the person was patronized or solicited (a buyer's own conduct)
 * @param forceFraudOrCoercion any of force, fraud, threats, a coercive scheme, abuse of legal process
 * @param servitudePurpose involuntary servitude, peonage, debt bondage or slavery was the purpose
 * @param inUnitedStates   an act happened in "the United States" as the T rules read it (K-06: the States, DC, PR,
 *                         VI, GU, MP, American Samoa, a port of entry; not the Minor Outlying Islands)
 * @param whollyInUnitedStates every recorded place is in the United States as the T rules read it (K-04)
 * @param inUsOrTerritories an act happened in the U.S. or its territories and possessions, the Minor Outlying
 *                         Islands included, as the U and LSC nexus rules read it (K-06, K-11)
 * @param otherCrimes      crimes beyond the U list; null when unknown, empty when recorded none (K-10)
 * @param freedByUsAgency  the agency that freed the person was a U.S. agency (K-04)
 * @param uListCrime       the event amounts to at least one U-list crime
 */
public record Victimization(int index, String subject, VictimizationKind kind, Set<Action> actions,
                            Set<Means> means, Set<Purpose> purposes, Boolean performed, LocalDate startDate,
                            LocalDate endDate, Integer ageAtFirstAct, Boolean trafficAct, Boolean buyerAct,
                            Boolean forceFraudOrCoercion, Boolean commercialSexPurpose, Boolean servitudePurpose,
                            Boolean minorAtFirstAct, Boolean under16AtFirstAct, Boolean inUnitedStates,
                            Boolean inMexico, Boolean violatesUsLaw, Boolean offenderUsNationalOrLpr,
                            Boolean offenderPresentInUs, HowEnded howEnded,
                            Set<PerpetratorRelationship> perpetratorRelationships, Boolean perpetratorIsFto,
                            Set<QualifyingCrime> qualifyingCrimes, Boolean uListCrime,
                            Boolean whollyInUnitedStates, Boolean inUsOrTerritories, Set<OtherCrime> otherCrimes,
                            Boolean freedByUsAgency) {

    public boolean hasPerpetrator(PerpetratorRelationship relationship) {
        return perpetratorRelationships != null && perpetratorRelationships.contains(relationship);
    }

    public boolean hasCrime(QualifyingCrime crime) {
        return qualifyingCrimes != null && qualifyingCrimes.contains(crime);
    }
}
