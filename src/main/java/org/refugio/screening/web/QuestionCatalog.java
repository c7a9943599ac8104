package org.refugio.screening.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which facts answer each follow-up question the rules ask ({@code ask.*} keys of rules/messages): the guided
 * screening shows the engine's own question text, and these fields under it. Paths are those of the facts schema,
 * with three anchors: {@code victimization.} is the event the interview records (victimizations[0]),
 * {@code departure.} the departure it records (departures[0]) and {@code member.} the relative the question is about
 * (its subject {@code family/<id>}). A path ending in {@code []} is a list the caseworker may record as empty
 * ("none"). A question the catalog does not know is still shown, with "I don't know" only: it stays unknown and
 * the result says what is missing.
 */
final class QuestionCatalog {

    /** The facts that answer one question; sensitive questions (violence, sexual exploitation) are asked late. */
    record Entry(List<String> paths, boolean sensitive) { }

    /**
     * Questions that are actions for a person (obtain a certification, send a request, an attorney's
     * assessment): shown on the result, never asked in the interview.
     */
    static final Set<String> ACTIONS = Set.of("ask.obtain-certification", "ask.new-certification", "ask.send-rfa-now",
            "ask.report-to-lea", "ask.hardship-assessment", "ask.attorney-waiver", "ask.trafficking-conduct",
            "ask.file-before");

    /** The first page: the few facts that open most doors (age, where, who, what happened and when). */
    static final List<String> START = List.of("person.dateOfBirth", "person.ageEstimate", "person.citizenship",
            "person.currentLocation.country", "person.currentLocation.usState", "victimizations[]",
            "victimization.kind", "victimization.startDate");

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        plain("ask.age", "person.dateOfBirth", "person.ageEstimate");
        plain("ask.citizenship", "person.citizenship");
        plain("ask.nationality", "person.nationality");
        plain("ask.current-location", "person.currentLocation.country", "person.currentLocation.usState",
                "person.currentLocation.atPortOfEntry");
        plain("ask.immigration-status", "person.immigrationStatus");
        plain("ask.which-status", "person.immigrationStatus");
        plain("ask.nonimmigrant-class", "person.nonimmigrantClass");
        plain("ask.h2b-forestry", "person.h2bForestryWorker");
        plain("ask.incapacitated", "person.incapacitated");
        plain("ask.removal", "person.removal.stage", "person.removal.detained", "person.removal.scheduled");
        plain("ask.lsc-special-categories", "person.lscSpecialCategories");
        plain("ask.us-citizen-relative", "person.usCitizenRelative.relationship",
                "person.usCitizenRelative.adjustmentApplication");
        plain("ask.adjustment-application", "person.usCitizenRelative.adjustmentApplication");
        plain("ask.t-derivative-of", "person.derivativeOf.program", "person.derivativeOf.relationship",
                "person.derivativeOf.principalApplicationStatus");
        plain("ask.principal-crime-nexus", "person.derivativeOf.principalCrimeInUsOrViolatedUsLaw");
        plain("ask.victimizations", "victimizations[]", "victimization.kind");
        plain("ask.victimization-kind", "victimization.kind");
        plain("ask.how-ended", "victimization.howEnded");
        plain("ask.places", "victimization.places[0].country", "victimization.places[0].usState",
                "victimization.places[1].country", "victimization.places[1].usState",
                "victimization.places[1].atPortOfEntry");
        plain("ask.presence-link", "victimization.places[0].country", "victimization.places[0].usState",
                "victimization.places[1].country", "victimization.places[1].usState");
        plain("ask.age-at-first-act", "victimization.ageAtFirstAct");
        plain("ask.age-at-first-element", "victimization.ageAtFirstAct");
        plain("ask.us-law-abroad", "victimization.violatesUsLaw");
        plain("ask.offender-us-national", "victimization.offenderUsNationalOrLpr");
        plain("ask.offender-present-now", "victimization.offenderPresentInUs");
        plain("ask.other-crimes", "victimization.otherCrimes");
        plain("ask.trafficking-acts", "victimization.actions", "victimization.performed");
        plain("ask.departures", "departures[]", "departure.departureDate", "departure.returnDate");
        plain("ask.departure-manner", "departure.manner");
        plain("ask.return-reasons", "departure.returnReasons");
        plain("ask.lea-contact", "lawEnforcement.contacts[]", "lawEnforcement.contacts[0].reported",
                "lawEnforcement.contacts[0].agency", "lawEnforcement.contacts[0].date",
                "lawEnforcement.contacts[1].reported", "lawEnforcement.contacts[1].agency",
                "lawEnforcement.contacts[1].date", "lawEnforcement.continuedPresence.status", "lawEnforcement.continuedPresence.expiresDate");
        plain("ask.lea-requests", "lawEnforcement.requests[]", "lawEnforcement.requests[0].complied",
                "lawEnforcement.requests[1].complied");
        plain("ask.request-complied", "lawEnforcement.requests[0].complied");
        plain("ask.request-reasonable", "lawEnforcement.requests[0].reasonable");
        plain("ask.willing-to-assist", "lawEnforcement.willingToAssist");
        plain("ask.report-and-participate", "lawEnforcement.willingToAssist");
        plain("ask.report-to-lea-for-cp", "lawEnforcement.willingToAssist");
        plain("ask.helpfulness", "lawEnforcement.willingToAssist", "lawEnforcement.cooperating",
                "lawEnforcement.i918SupplementBObtained", "lawEnforcement.i914SupplementBObtained");
        plain("ask.trauma", "lawEnforcement.traumaPreventsCooperation");
        plain("ask.trauma-evidence", "lawEnforcement.traumaEvidence");
        plain("ask.filing-and-approval-dates", "tProcess.applicationStatus", "tProcess.filedDate",
                "tProcess.approvedDate", "tProcess.bfd", "tProcess.bfdDate");
        plain("ask.hardship", "hardshipFactors[]", "hardshipFactors[0].factor", "hardshipFactors[0].evidence");
        plain("ask.hardship-evidence", "hardshipFactors[0].evidence");
        plain("ask.fto-conduct", "admissibility.ftoLinkedConduct");
        plain("ask.inadmissibility", "admissibility.grounds[]", "admissibility.grounds[0].code",
                "admissibility.grounds[0].causedByVictimization", "admissibility.grounds[1].code",
                "admissibility.grounds[1].causedByVictimization", "admissibility.grounds[2].code",
                "admissibility.grounds[2].causedByVictimization", "admissibility.convictions[]");
        plain("ask.prostitution-ground", "admissibility.grounds[]", "admissibility.grounds[0].code",
                "admissibility.grounds[0].causedByVictimization", "admissibility.grounds[1].code",
                "admissibility.grounds[1].causedByVictimization");
        plain("ask.information", "uVisa.hasInformation");
        plain("ask.seeking-certification", "hhs.seekingHhsCertification");
        plain("ask.rfa-before-18", "hhs.rfaStatus", "hhs.rfaReceivedDate");
        plain("ask.income", "money.annualIncome", "money.householdSize", "money.povertyGuidelineRegion",
                "legalMatters[0].type", "legalMatters[0].relatedToVictimization");
        plain("ask.income-exceptions", "money.incomeExceptions.keepLowIncomeBenefits",
                "money.incomeExceptions.obtainLowIncomeOrDisabilityBenefits",
                "money.incomeExceptions.medicalCostsBringWithinCeiling", "money.incomeExceptions.otherFactors",
                "money.incomeExceptions.incomeOnlyFromLowIncomeProgram",
                "money.providerPolicyAdoptsException.keepLowIncomeBenefits",
                "money.providerPolicyAdoptsException.obtainLowIncomeOrDisabilityBenefits",
                "money.providerPolicyAdoptsException.medicalCostsBringWithinCeiling",
                "money.providerPolicyAdoptsException.otherFactors",
                "money.providerPolicyAdoptsException.incomeOnlyFromLowIncomeProgram",
                "money.abuserAnnualIncome", "money.householdSizeExcludingAbuser");
        plain("ask.assets", "money.assetsWithinCeiling");
        plain("ask.abuser-income-share", "money.abuserAnnualIncome");
        plain("ask.abuser-in-household", "money.abuserAnnualIncome", "money.householdSizeExcludingAbuser");
        plain("ask.domestic-violence-in-household", "money.abuserAnnualIncome",
                "money.householdSizeExcludingAbuser");
        plain("ask.witnessed-crime-in-mexico", "mexico.witnessedCrimeInMexico");
        plain("ask.witness-role", "mexico.role");
        plain("ask.relationship", "member.relationship");
        plain("ask.relative-age", "member.dateOfBirth", "member.age");
        plain("ask.relative-married", "member.married");
        plain("ask.relationship-start", "member.relationshipStartDate");
        plain("ask.wedding-date", "member.relationshipStartDate");
        plain("ask.danger-evidence", "member.dangerEvidence");
        plain("ask.child-in-us-or-admitted", "member.location.country", "member.supplementAStatus");
        plain("ask.via-member", "member.viaMemberId");
        // Sensitive: what was done to the person. Trauma-informed order asks them after the others.
        sensitive("ask.danger", "member.dangerOfRetaliation");
        sensitive("ask.means", "victimization.means");
        sensitive("ask.labor-purpose", "victimization.purposes");
        sensitive("ask.commercial-sex", "victimization.purposes");
        sensitive("ask.crimes", "victimization.qualifyingCrimes");
        sensitive("ask.other-qualifying-crime", "victimization.qualifyingCrimes");
        sensitive("ask.petition-crime", "victimization.qualifyingCrimes");
        sensitive("ask.harm", "uVisa.harmDescribed");
    }

    private QuestionCatalog() {
    }

    private static void plain(String code, String... paths) {
        ENTRIES.put(code, new Entry(List.of(paths), false));
    }

    private static void sensitive(String code, String... paths) {
        ENTRIES.put(code, new Entry(List.of(paths), true));
    }

    static Optional<Entry> entry(String code) {
        return Optional.ofNullable(ENTRIES.get(code));
    }

    /** Every path the interview may ask, for the message bundle test. */
    static Set<String> allPaths() {
        Set<String> all = new java.util.TreeSet<>(START);
        ENTRIES.values().forEach(e -> all.addAll(e.paths()));
        return all;
    }
}
