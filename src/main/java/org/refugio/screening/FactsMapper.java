package org.refugio.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjIntConsumer;

import org.refugio.api.model.Place;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.facts.Action;
import org.refugio.eligibility.facts.AdjustmentApplication;
import org.refugio.eligibility.facts.ChildAbuse;
import org.refugio.eligibility.facts.DerivativeOf;
import org.refugio.eligibility.facts.DerivativeProgram;
import org.refugio.eligibility.facts.DerivativeRelationship;
import org.refugio.eligibility.facts.LscSpecialCategory;
import org.refugio.eligibility.facts.OtherCrime;
import org.refugio.eligibility.facts.SubstituteRole;
import org.refugio.eligibility.facts.UsCitizenRelationship;
import org.refugio.eligibility.facts.UsCitizenRelative;
import org.refugio.eligibility.facts.Admissibility;
import org.refugio.eligibility.facts.ApplicationStatus;
import org.refugio.eligibility.facts.BfdStatus;
import org.refugio.eligibility.facts.BirthWindow;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.eligibility.facts.Citizenship;
import org.refugio.eligibility.facts.Compliance;
import org.refugio.eligibility.facts.ContinuedPresenceStatus;
import org.refugio.eligibility.facts.Departure;
import org.refugio.eligibility.facts.DepartureManner;
import org.refugio.eligibility.facts.EntryManner;
import org.refugio.eligibility.facts.Evidence;
import org.refugio.eligibility.facts.FamilyMember;
import org.refugio.eligibility.facts.Ground;
import org.refugio.eligibility.facts.HardshipFactor;
import org.refugio.eligibility.facts.HardshipFactorType;
import org.refugio.eligibility.facts.HhsFacts;
import org.refugio.eligibility.facts.HhsLetter;
import org.refugio.eligibility.facts.HowEnded;
import org.refugio.eligibility.facts.ImmigrationStatus;
import org.refugio.eligibility.facts.IncomeFactor;
import org.refugio.eligibility.facts.LawEnforcement;
import org.refugio.eligibility.facts.LegalMatter;
import org.refugio.eligibility.facts.LegalMatterType;
import org.refugio.eligibility.facts.Means;
import org.refugio.eligibility.facts.MexicoFacts;
import org.refugio.eligibility.facts.MexicoRole;
import org.refugio.eligibility.facts.Money;
import org.refugio.eligibility.facts.PerpetratorRelationship;
import org.refugio.eligibility.facts.Person;
import org.refugio.eligibility.facts.PovertyRegion;
import org.refugio.eligibility.facts.Purpose;
import org.refugio.eligibility.facts.QualifyingCrime;
import org.refugio.eligibility.facts.Relationship;
import org.refugio.eligibility.facts.RemovalStage;
import org.refugio.eligibility.facts.ReturnReason;
import org.refugio.eligibility.facts.RfaStatus;
import org.refugio.eligibility.facts.Screening;
import org.refugio.eligibility.facts.TProcess;
import org.refugio.eligibility.facts.Tri;
import org.refugio.eligibility.facts.UVisaFacts;
import org.refugio.eligibility.facts.UserRole;
import org.refugio.eligibility.facts.Victimization;
import org.refugio.eligibility.facts.VictimizationKind;
import org.refugio.problem.UnprocessableException;

/**
 * The one place where a screening request becomes the facts the rules read. Nothing absent is ever
 * turned into "no": a missing field stays null, a missing list stays null, and an age that an estimate
 * cannot place on either side of a threshold stays null (G-03). Dates the law needs in the past are
 * checked against asOfDate here, so a rejected request names every offending field at once.
 */
public final class FactsMapper {

    /** The TVPA of 2000 (2000-10-28) is the earliest law this ruleset knows. */
    public static final LocalDate EARLIEST_AS_OF_DATE = LocalDate.of(2000, 10, 28);

    /**
     * "United States" for T (8 CFR 214.201), with American Samoa, where a person may also be present (214.202(b)); not
     * the Minor Outlying Islands (K-06).
     */
    private static final Set<String> UNITED_STATES_FOR_T = Set.of("US", "PR", "VI", "GU", "MP", "AS");
    /** The U and LSC nexus also reach the territories and possessions of 8 CFR 214.14(a)(11), coded UM (K-06). */
    private static final Set<String> UNITED_STATES_AND_POSSESSIONS = Set.of("US", "PR", "VI", "GU", "MP", "AS", "UM");
    /** Territories that ISO 3166 codes as countries of their own, and USPS as states. */
    private static final Set<String> TERRITORY_STATE_CODES = Set.of("PR", "VI", "GU", "MP", "AS");
    /**
     * ISO 3166-1 alpha-2, and XK (Kosovo, user-assigned but in common use). A code outside it is refused: read as
     * "some other country" it would place a person outside the United States and could rule them out (T1-03).
     */
    private static final Set<String> COUNTRY_CODES = countryCodes();
    private static final Set<Action> TRAFFIC_ACTS =
            EnumSet.of(Action.RECRUIT, Action.HARBOR, Action.TRANSPORT, Action.PROVIDE, Action.OBTAIN);
    private static final Set<Action> BUYER_ACTS = EnumSet.of(Action.PATRONIZE, Action.SOLICIT);
    private static final Set<Purpose> SERVITUDE =
            EnumSet.of(Purpose.INVOLUNTARY_SERVITUDE, Purpose.PEONAGE, Purpose.DEBT_BONDAGE, Purpose.SLAVERY);

    private final List<UnprocessableException.FieldProblem> problems = new ArrayList<>();
    private final LocalDate asOf;
    private final ScreeningFacts in;

    private FactsMapper(ScreeningFacts in, LocalDate today) {
        this.in = in;
        this.asOf = in.getAsOfDate() != null ? in.getAsOfDate() : today;
    }

    /**
     * @param today the date a screening without asOfDate is made on
     * @throws InvalidFactsException naming every field that breaks a rule of the fact model
     */
    public static CaseFacts map(ScreeningFacts facts, LocalDate today) {
        FactsMapper mapper = new FactsMapper(facts, today);
        CaseFacts mapped = mapper.map();
        if (!mapper.problems.isEmpty()) {
            throw new InvalidFactsException(mapper.problems);
        }
        return mapped;
    }

    /** The date the law is applied as of. */
    public static LocalDate asOfDate(ScreeningFacts facts, LocalDate today) {
        return facts.getAsOfDate() != null ? facts.getAsOfDate() : today;
    }

    private CaseFacts map() {
        if (asOf.isBefore(EARLIEST_AS_OF_DATE) || asOf.getYear() > 2100) {
            problem("/asOfDate", "must be between " + EARLIEST_AS_OF_DATE + " and 2100-12-31");
        }
        checkCountryCodes();
        var p = in.getPerson();
        LocalDate dob = p == null ? null : past(p.getDateOfBirth(), "/person/dateOfBirth");
        Integer ageEstimate = p == null ? null : p.getAgeEstimate();
        BirthWindow window = BirthWindow.of(dob, ageEstimate, asOf);
        if (window != null && window.maxAgeOn(asOf) > 120) {
            problem("/person/dateOfBirth", "gives an age over 120");
        }

        List<Victimization> victimizations = victimizations(window);
        TProcess tProcess = tProcess();
        Person person = person(p, dob, ageEstimate, window, victimizations, tProcess);
        List<Departure> departures = departures();
        LawEnforcement lawEnforcement = lawEnforcement();
        List<HardshipFactor> hardship = list(in.getHardshipFactors(), (h, i) -> new HardshipFactor(i,
                "hardshipFactors/" + i, convert(h.getFactor(), HardshipFactorType.class),
                convert(h.getEvidence(), Evidence.class)));
        var a = in.getAdmissibility();
        List<Ground> grounds = a == null ? List.of() : list(a.getGrounds(), (g, i) -> new Ground(i,
                "admissibility/grounds/" + i, normalizeGround(g.getCode()), g.getCausedByVictimization()));
        if (a != null && a.getConvictions() != null) {
            for (int i = 0; i < a.getConvictions().size(); i++) {
                past(a.getConvictions().get(i).getDate(), "/admissibility/convictions/" + i + "/date");
            }
        }
        Admissibility admissibility = a == null ? new Admissibility(null, null, null, null, null)
                : new Admissibility(size(a.getGrounds()), size(a.getConvictions()), a.getFtoLinkedConduct(),
                a.getCommittedTrafficking(), a.getCommittedTraffickingCoerced());
        var u = in.getuVisa();
        var substitute = u == null ? null : u.getSubstitute();
        UVisaFacts uVisa = u == null ? new UVisaFacts(null, null, null, null, null, null, null)
                : new UVisaFacts(u.getHarmDescribed(), u.getHasInformation(), u.getCulpable(), u.getLaterRelatedCrimes(),
                substitute == null ? null : convert(substitute.getRole(), SubstituteRole.class),
                substitute == null ? null : substitute.getHasInformation(),
                substitute == null ? null : substitute.getHelpful());
        List<FamilyMember> family = family(tProcess);
        HhsFacts hhs = hhs(window);
        Money money = money(person);
        List<LegalMatter> matters = list(in.getLegalMatters(), (m, i) -> new LegalMatter(i, "legalMatters/" + i,
                convert(m.getType(), LegalMatterType.class), m.getRelatedToVictimization()));
        var mx = in.getMexico();
        MexicoFacts mexico = mx == null ? new MexicoFacts(null, null, null)
                : new MexicoFacts(mx.getComplaintFiledWithProsecutor(), convert(mx.getRole(), MexicoRole.class),
                mx.getWitnessedCrimeInMexico());
        Screening screening = new Screening(asOf, convert(in.getUserRole(), UserRole.class),
                size(in.getVictimizations()), size(in.getDepartures()), size(in.getHardshipFactors()),
                size(in.getFamily()), size(in.getLegalMatters()));
        return new CaseFacts(screening, person, victimizations, departures, lawEnforcement, tProcess, hardship,
                admissibility, grounds, uVisa, family, hhs, money, matters, mexico, derivativeOf(p),
                usCitizenRelative(p));
    }

    private Person person(org.refugio.api.model.Person p, LocalDate dob, Integer ageEstimate, BirthWindow window,
                          List<Victimization> victimizations, TProcess tProcess) {
        var location = p == null ? null : p.getCurrentLocation();
        String country = location == null ? null : upper(location.getCountry());
        String usState = location == null ? null : usState(country, location.getUsState());
        Boolean atPort = location == null ? null : location.getAtPortOfEntry();
        var removal = p == null ? null : p.getRemoval();
        String nationality = p == null ? null : upper(p.getNationality());
        Boolean minorAtAnyAct = in.getVictimizations() == null ? null
                : Tri.any(victimizations, Victimization::minorAtFirstAct);
        Boolean under16AtFirstAct = in.getVictimizations() == null ? null
                : Tri.any(victimizations, Victimization::under16AtFirstAct);
        return new Person(dob, ageEstimate,
                window == null ? null : window.minAgeOn(asOf), window == null ? null : window.maxAgeOn(asOf),
                BirthWindow.under(window, 18, asOf), BirthWindow.under(window, 21, asOf),
                window == null ? null : window.birthday(18), window == null ? null : window.birthday(21),
                p == null ? null : convert(p.getCitizenship(), Citizenship.class), nationality,
                nationality == null ? null : nationality.equals("MX"),
                p == null ? null : convert(p.getImmigrationStatus(), ImmigrationStatus.class),
                p == null ? null : p.getNonimmigrantClass(), p == null ? null : p.getStatusValidUntil(),
                p == null ? null : convert(p.getEntryManner(), EntryManner.class),
                p == null ? null : p.getEntryForInvestigation(), p == null ? null : p.getMarried(),
                country, usState, atPort, inUnitedStates(country, usState, atPort),
                country == null ? null : country.equals("MX"),
                removal == null ? null : convert(removal.getStage(), RemovalStage.class),
                removal == null ? null : removal.getDetained(), removal == null ? null : removal.getScheduled(),
                minorAtAnyAct, under16AtFirstAct, window,
                inUsOrTerritories(country, usState, atPort), p == null ? null : p.getIncapacitated(),
                p == null ? null : set(p.getLscSpecialCategories(), LscSpecialCategory.class),
                p == null ? null : p.getH2bForestryWorker());
    }

    private static DerivativeOf derivativeOf(org.refugio.api.model.Person p) {
        var d = p == null ? null : p.getDerivativeOf();
        if (d == null) {
            return DerivativeOf.UNKNOWN;
        }
        return new DerivativeOf(convert(d.getProgram(), DerivativeProgram.class),
                convert(d.getRelationship(), DerivativeRelationship.class),
                convert(d.getDerivativeApplicationStatus(), ApplicationStatus.class),
                convert(d.getPrincipalApplicationStatus(), ApplicationStatus.class), d.getPrincipalUnder21AtFiling(),
                d.getPrincipalCrimeInUsOrViolatedUsLaw());
    }

    private static UsCitizenRelative usCitizenRelative(org.refugio.api.model.Person p) {
        var r = p == null ? null : p.getUsCitizenRelative();
        if (r == null) {
            return UsCitizenRelative.UNKNOWN;
        }
        return new UsCitizenRelative(convert(r.getRelationship(), UsCitizenRelationship.class),
                convert(r.getAdjustmentApplication(), AdjustmentApplication.class));
    }

    private List<Victimization> victimizations(BirthWindow window) {
        return list(in.getVictimizations(), (v, i) -> {
            String path = "/victimizations/" + i;
            LocalDate start = past(v.getStartDate(), path + "/startDate");
            LocalDate end = past(v.getEndDate(), path + "/endDate");
            if (start != null && end != null && end.isBefore(start)) {
                problem(path + "/endDate", "must not be before startDate");
            }
            Set<Action> actions = set(v.getActions(), Action.class);
            Set<Means> means = set(v.getMeans(), Means.class);
            Set<Purpose> purposes = set(v.getPurposes(), Purpose.class);
            Set<QualifyingCrime> crimes = set(v.getQualifyingCrimes(), QualifyingCrime.class);
            Boolean inUs = null;
            Boolean whollyInUs = null;
            Boolean inUsOrTerritories = null;
            Boolean inMexico = null;
            if (v.getPlaces() != null && !v.getPlaces().isEmpty()) {
                inUs = Tri.any(v.getPlaces(), FactsMapper::inUnitedStates);
                whollyInUs = Tri.all(v.getPlaces(), FactsMapper::inUnitedStates);
                inUsOrTerritories = Tri.any(v.getPlaces(), pl -> {
                    String country = upper(pl.getCountry());
                    return inUsOrTerritories(country, usState(country, pl.getUsState()), pl.getAtPortOfEntry());
                });
                inMexico = Tri.any(v.getPlaces(), pl -> pl.getCountry() == null ? null : "MX".equals(upper(pl.getCountry())));
            }
            return new Victimization(i, "victimizations/" + i, convert(v.getKind(), VictimizationKind.class),
                    actions, means, purposes, v.getPerformed(), start, end, v.getAgeAtFirstAct(),
                    anyOf(actions, TRAFFIC_ACTS), anyOf(actions, BUYER_ACTS),
                    means == null ? null : !means.isEmpty(),
                    purposes == null ? null : purposes.contains(Purpose.COMMERCIAL_SEX), anyOf(purposes, SERVITUDE),
                    underAtFirstAct(v.getAgeAtFirstAct(), window, start, end, 18),
                    underAtFirstAct(v.getAgeAtFirstAct(), window, start, end, 16),
                    inUs, inMexico, v.getViolatesUsLaw(), v.getOffenderUsNationalOrLpr(), v.getOffenderPresentInUs(),
                    convert(v.getHowEnded(), HowEnded.class),
                    set(v.getPerpetratorRelationships(), PerpetratorRelationship.class), v.getPerpetratorIsFto(),
                    crimes, crimes == null ? null : !crimes.isEmpty(), whollyInUs, inUsOrTerritories,
                    set(v.getOtherCrimes(), OtherCrime.class), v.getFreedByUsAgency());
        });
    }

    private List<Departure> departures() {
        return list(in.getDepartures(), (d, i) -> {
            String path = "/departures/" + i;
            return new Departure(i, "departures/" + i, past(d.getDepartureDate(), path + "/departureDate"),
                    convert(d.getManner(), DepartureManner.class), past(d.getReturnDate(), path + "/returnDate"),
                    set(d.getReturnReasons(), ReturnReason.class));
        });
    }

    private LawEnforcement lawEnforcement() {
        var le = in.getLawEnforcement();
        if (le == null) {
            return new LawEnforcement(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null);
        }
        var contacts = le.getContacts();
        var requests = le.getRequests();
        if (contacts != null) {
            for (int i = 0; i < contacts.size(); i++) {
                past(contacts.get(i).getDate(), "/lawEnforcement/contacts/" + i + "/date");
            }
        }
        if (requests != null) {
            for (int i = 0; i < requests.size(); i++) {
                past(requests.get(i).getDate(), "/lawEnforcement/requests/" + i + "/date");
            }
        }
        Boolean reported = contacts == null ? null : contacts.isEmpty() ? Boolean.FALSE
                : Tri.any(contacts, c -> c.getReported());
        Boolean federal = contacts == null ? null
                : Tri.any(contacts, c -> c.getLevel() == null ? null : c.getLevel().getValue().equals("FEDERAL"));
        Boolean refusedReasonable = requests == null ? null : requests.stream()
                .anyMatch(r -> refused(r.getComplied()) && Boolean.TRUE.equals(r.getReasonable()));
        Boolean refusedUnknown = requests == null ? null : requests.stream()
                .anyMatch(r -> refused(r.getComplied()) && r.getReasonable() == null);
        Boolean complianceUnknown = requests == null ? null : requests.stream().anyMatch(r -> r.getComplied() == null);
        var cp = le.getContinuedPresence();
        return new LawEnforcement(size(contacts), reported, contacts == null ? null : !contacts.isEmpty(), federal,
                size(requests), refusedReasonable, refusedUnknown, complianceUnknown, le.getWillingToAssist(),
                le.getCooperating(), le.getTraumaPreventsCooperation(), convert(le.getTraumaEvidence(), Evidence.class),
                le.getI914SupplementBObtained(), le.getI918SupplementBObtained(),
                past(le.getI918SupplementBSignedDate(), "/lawEnforcement/i918SupplementBSignedDate"),
                cp == null ? null : convert(cp.getStatus(), ContinuedPresenceStatus.class),
                cp == null ? null : past(cp.getGrantedDate(), "/lawEnforcement/continuedPresence/grantedDate"),
                cp == null ? null : cp.getExpiresDate());
    }

    private static boolean refused(Object complied) {
        return complied != null && convert(complied, Compliance.class) != Compliance.YES;
    }

    private TProcess tProcess() {
        var t = in.gettProcess();
        if (t == null) {
            return new TProcess(null, null, null, null, null, null);
        }
        ApplicationStatus status = convert(t.getApplicationStatus(), ApplicationStatus.class);
        LocalDate filed = past(t.getFiledDate(), "/tProcess/filedDate");
        return new TProcess(status, filed, t.getPlannedFilingDate(),
                convert(t.getBfd(), BfdStatus.class), past(t.getBfdDate(), "/tProcess/bfdDate"),
                past(t.getApprovedDate(), "/tProcess/approvedDate"));
    }

    private List<FamilyMember> family(TProcess tProcess) {
        var members = in.getFamily();
        if (members == null) {
            return List.of();
        }
        Map<String, org.refugio.api.model.FamilyMember> byId = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            var m = members.get(i);
            if (!ids.add(m.getId())) {
                problem("/family/" + i + "/id", "is used by more than one relative");
            }
            byId.put(m.getId(), m);
        }
        List<FamilyMember> mapped = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            var m = members.get(i);
            String path = "/family/" + i;
            if (m.getViaMemberId() != null && (!byId.containsKey(m.getViaMemberId())
                    || m.getViaMemberId().equals(m.getId()))) {
                problem(path + "/viaMemberId", "must name another listed relative");
            }
            LocalDate dob = past(m.getDateOfBirth(), path + "/dateOfBirth");
            BirthWindow window = BirthWindow.of(dob, m.getAge(), asOf);
            Relationship relationship = convert(m.getRelationship(), Relationship.class);
            LocalDate start = past(m.getRelationshipStartDate(), path + "/relationshipStartDate");
            LocalDate wedding = start;
            if (wedding == null && relationship == Relationship.STEPCHILD && m.getViaMemberId() != null
                    && byId.containsKey(m.getViaMemberId())) {
                wedding = byId.get(m.getViaMemberId()).getRelationshipStartDate();
            }
            LocalDate began = relationship == Relationship.CHILD ? dob : wedding;
            mapped.add(new FamilyMember(i, m.getId(), "family/" + m.getId(), relationship, m.getViaMemberId(), dob,
                    m.getMarried(), convert(m.getCitizenship(), Citizenship.class),
                    m.getLocation() == null ? null : inUnitedStates(m.getLocation()),
                    start, m.getDangerOfRetaliation(), convert(m.getDangerEvidence(), Evidence.class),
                    convert(m.getSupplementAStatus(), ApplicationStatus.class), window != null, window,
                    BirthWindow.under(window, 21, asOf),
                    window == null ? null : window.birthday(18), window == null ? null : window.birthday(21),
                    wedding, began, set(m.getAbuseSuffered(), ChildAbuse.class),
                    m.getAbuseInUsOrViolatedUsLaw(), m.getPersonActivelyParticipated()));
        }
        return mapped;
    }

    private HhsFacts hhs(BirthWindow window) {
        var h = in.getHhs();
        if (h == null) {
            return new HhsFacts(null, null, null, null, null);
        }
        LocalDate received = past(h.getRfaReceivedDate(), "/hhs/rfaReceivedDate");
        return new HhsFacts(convert(h.getRfaStatus(), RfaStatus.class), received,
                received == null ? null : BirthWindow.under(window, 18, received),
                set(h.getLettersHeld(), HhsLetter.class), h.getSeekingHhsCertification());
    }

    private Money money(Person person) {
        var m = in.getMoney();
        PovertyRegion region = m == null ? null : convert(m.getPovertyGuidelineRegion(), PovertyRegion.class);
        if (region == null && person.usState() != null) {
            region = switch (person.usState()) {
                case "AK" -> PovertyRegion.ALASKA;
                case "HI" -> PovertyRegion.HAWAII;
                // The guidelines do not cover Puerto Rico, Guam or the Virgin Islands (criteria 8.4).
                case "PR", "GU", "VI", "MP", "AS" -> null;
                default -> PovertyRegion.STATES_48_AND_DC;
            };
        }
        if (m == null) {
            return new Money(null, null, null, null, null, region, null, null, null, null, null, null, null, null,
                    null, null, null);
        }
        var x = m.getIncomeExceptions();
        var pol = m.getProviderPolicyAdoptsException();
        if (m.getAbuserAnnualIncome() != null && m.getAnnualIncome() != null
                && m.getAbuserAnnualIncome().compareTo(m.getAnnualIncome()) > 0) {
            problem("/money/abuserAnnualIncome", "must not exceed annualIncome, which includes it");
        }
        if (m.getHouseholdSizeExcludingAbuser() != null && m.getHouseholdSize() != null
                && m.getHouseholdSizeExcludingAbuser() > m.getHouseholdSize()) {
            problem("/money/householdSizeExcludingAbuser", "must not exceed householdSize");
        }
        return new Money(m.getHouseholdSize(), m.getHouseholdSizeExcludingAbuser(), m.getAnnualIncome(),
                m.getAbuserAnnualIncome(), m.getAssetsWithinCeiling(), region,
                x == null ? null : x.getKeepLowIncomeBenefits(), x == null ? null : x.getMedicalCostsBringWithinCeiling(),
                x == null ? null : x.getObtainLowIncomeOrDisabilityBenefits(),
                x == null ? null : set(x.getOtherFactors(), IncomeFactor.class),
                x == null ? null : x.getIncomeOnlyFromLowIncomeProgram(),
                pol == null ? null : pol.getKeepLowIncomeBenefits(), pol == null ? null : pol.getMedicalCostsBringWithinCeiling(),
                pol == null ? null : pol.getObtainLowIncomeOrDisabilityBenefits(), pol == null ? null : pol.getOtherFactors(),
                pol == null ? null : pol.getIncomeOnlyFromLowIncomeProgram(),
                pol == null ? null : pol.getAssetCeilingWaiver());
    }

    private Boolean underAtFirstAct(Integer ageAtFirstAct, BirthWindow window, LocalDate start, LocalDate end,
                                    int years) {
        if (ageAtFirstAct != null) {
            return ageAtFirstAct < years;
        }
        if (window == null) {
            return null;
        }
        if (start != null) {
            return window.under(years, start);
        }
        // Without a start date, only a person still under the age at the last act was surely under it at the first.
        return end != null && Boolean.TRUE.equals(window.under(years, end)) ? Boolean.TRUE : null;
    }

    private static Boolean inUnitedStates(Place place) {
        String country = upper(place.getCountry());
        return inUnitedStates(country, usState(country, place.getUsState()), place.getAtPortOfEntry());
    }

    private static Boolean inUnitedStates(String country, String usState, Boolean atPortOfEntry) {
        return within(UNITED_STATES_FOR_T, country, usState, atPortOfEntry);
    }

    private static Boolean inUsOrTerritories(String country, String usState, Boolean atPortOfEntry) {
        return within(UNITED_STATES_AND_POSSESSIONS, country, usState, atPortOfEntry);
    }

    private static Boolean within(Set<String> countries, String country, String usState, Boolean atPortOfEntry) {
        if (Boolean.TRUE.equals(atPortOfEntry)) {
            return true;
        }
        if (country != null) {
            return countries.contains(country);
        }
        return usState != null ? Boolean.TRUE : null;
    }

    /** A territory coded as its own country (PR, GU, MP…) is also its USPS code, so rules read one field. */
    private static String usState(String country, Object usState) {
        if (usState != null) {
            return ((org.refugio.api.model.Place.UsStateEnum) usState).getValue();
        }
        return country != null && TERRITORY_STATE_CODES.contains(country) ? country : null;
    }

    private LocalDate past(LocalDate date, String pointer) {
        if (date != null && date.isAfter(asOf)) {
            problem(pointer, "must not be after asOfDate (" + asOf + ")");
        }
        return date;
    }

    private void checkCountryCodes() {
        var p = in.getPerson();
        if (p != null) {
            checkCountryCode(p.getNationality(), "/person/nationality");
            checkCountryCode(p.getCurrentLocation(), "/person/currentLocation/country");
        }
        forEach(in.getVictimizations(), (v, i) -> forEach(v.getPlaces(),
                (place, j) -> checkCountryCode(place, "/victimizations/" + i + "/places/" + j + "/country")));
        forEach(in.getFamily(), (m, i) -> checkCountryCode(m.getLocation(), "/family/" + i + "/location/country"));
    }

    private void checkCountryCode(Place place, String pointer) {
        if (place != null) {
            checkCountryCode(place.getCountry(), pointer);
        }
    }

    private void checkCountryCode(String code, String pointer) {
        if (code != null && !COUNTRY_CODES.contains(upper(code))) {
            problem(pointer, "must be an ISO 3166-1 alpha-2 country code, such as US, MX or GT");
        }
    }

    private static <T> void forEach(List<T> list, ObjIntConsumer<T> each) {
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                each.accept(list.get(i), i);
            }
        }
    }

    private static Set<String> countryCodes() {
        Set<String> codes = new HashSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
        codes.add("XK");
        return Set.copyOf(codes);
    }

    private void problem(String pointer, String detail) {
        problems.add(new UnprocessableException.FieldProblem(pointer, detail));
    }

    private static String normalizeGround(String code) {
        if (code == null) {
            return null;
        }
        String c = code.replace("INA", "").replace("§", "").replace(" ", "");
        return c.startsWith("212") ? c : "212" + c;
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Boolean anyOf(Set<E> values, Set<E> wanted) {
        if (values == null) {
            return null;
        }
        for (E v : values) {
            if (wanted.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static Integer size(Collection<?> list) {
        return list == null ? null : list.size();
    }

    private interface Indexed<A, B> {
        B map(A item, int index);
    }

    private static <A, B> List<B> list(List<A> items, Indexed<A, B> f) {
        if (items == null) {
            return List.of();
        }
        List<B> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(f.map(items.get(i), i));
        }
        return out;
    }

    private static <E extends Enum<E>> Set<E> set(List<?> values, Class<E> type) {
        if (values == null) {
            return null;
        }
        Set<E> set = EnumSet.noneOf(type);
        for (Object v : values) {
            set.add(convert(v, type));
        }
        return set;
    }

    /** Generated API enums and fact enums share constant names; the API validated the value already. */
    static <E extends Enum<E>> E convert(Object apiValue, Class<E> type) {
        return apiValue == null ? null : Enum.valueOf(type, ((Enum<?>) apiValue).name());
    }
}
