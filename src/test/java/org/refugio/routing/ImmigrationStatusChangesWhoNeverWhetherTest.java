package org.refugio.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.screening.FactsMapper;

/**
 * LA-01 as a property over generated cases: immigration status may change which provider gets a case, never whether
 * the case is referred. And K-24(1): a person the screening sends to an LSC recipient, with a suitable LSC recipient
 * available (judged here from the directory, independently of the rules), is never routed first to a provider that
 * takes no LSC money; when none is left, the referral records why. Each generated case (a scenario with its place, age, income, language and matters varied)
 * is screened and routed against the demo directory as it is and with only its immigration facts changed (citizenship,
 * status, visa class, manner of entry, removal and detention); every version must be referred to a provider whose
 * funding the law lets serve it. Runs the routing decision in-process, as the workflow's steps do; the process
 * around it is covered by the process tests.
 */
class ImmigrationStatusChangesWhoNeverWhetherTest {

    private static final int CASES = 10_000;
    /** Versions of each case with other immigration facts, beside the case as generated. */
    private static final int VARIANTS = 1;
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static final String[] CITIZENSHIP = {"US_CITIZEN", "US_NATIONAL", "LPR", "CONDITIONAL_LPR", "NONCITIZEN", null};
    private static final String[] STATUS = {"NONE", "NONIMMIGRANT", "PAROLE", "T_APPLICANT", "T1", "T_DERIVATIVE",
            "U_APPLICANT", "U", "CONTINUED_PRESENCE", "ASYLEE", "REFUGEE", "WITHHOLDING", "OTHER", null};
    private static final String[] VISA = {"H-2A", "H-2B", "B-2", "F-1", null};
    private static final String[] ENTRY = {"ADMITTED", "PAROLED", "WITHOUT_INSPECTION", null};
    private static final String[] REMOVAL_STAGE = {"NONE", "IN_PROCEEDINGS", "FINAL_ORDER", null};
    private static final Boolean[] MAYBE = {true, false, null};
    private static final String[][] PLACES = {{"US", "TX"}, {"US", "CA"}, {"US", "NY"}, {"US", "FL"}, {"US", "AK"},
            {"US", "ME"}, {"US", "NM"}, {null, "AZ"}, {"PR", null}, {"MX", null}, {"GT", null}, {"US", null}, null};
    private static final String[] LANGUAGES = {"es", "en", "mam", "quc", "fr", "zh", "ar", "ht"};
    private static final String[] MATTERS = {"T_OR_U_APPLICATION", "PROTECTIVE_ORDER", "CUSTODY", "HOUSING", "EVICTION",
            "BENEFITS", "EMPLOYMENT", "WAGE_CLAIM", "CRIMINAL", "MEXICAN_LAW", "OTHER"};

    @Test
    void changingOnlyImmigrationFactsNeverChangesWhetherACaseIsReferred() throws IOException {
        Ruleset ruleset = Ruleset.compile(RulesetFiles.fromClasspath("rules"));
        List<ProviderProfile> demo = demoDirectory();
        List<JsonNode> scenarios = scenarios();
        Random random = new Random(20261126L);
        List<String> violations = new ArrayList<>();
        Set<ReferralTarget> targetsSeen = new HashSet<>();
        int whoChanged = 0;
        int lscRecipientAvailable = 0;
        int noLscRecipientLeft = 0;
        int routed = 0;
        long screeningNanos = 0;
        long matchingNanos = 0;

        for (int i = 0; i < CASES; i++) {
            ObjectNode base = vary(scenarios.get(random.nextInt(scenarios.size())).deepCopy(), random);
            List<ProviderProfile> directory = withSomeFull(demo, random);
            Set<String> languages = Set.of(LANGUAGES[random.nextInt(LANGUAGES.length)]);
            UUID firstProvider = null;
            for (int v = 0; v <= VARIANTS; v++) {
                ObjectNode facts = v == 0 ? base : withOtherImmigrationFacts(base.deepCopy(), random);
                CaseFacts caseFacts = FactsMapper.map(JSON.treeToValue(facts, ScreeningFacts.class), AS_OF);
                long t0 = System.nanoTime();
                Evaluation.ReferralOutcome referral = ruleset.engine().evaluate(caseFacts).referral();
                screeningNanos += System.nanoTime() - t0;
                RoutingFacts routing = RoutingFacts.of(referral.target(), referral.alternatives(), referral.scope(),
                        referral.urgent(), caseFacts.person(), languages);
                long t1 = System.nanoTime();
                ProviderChoice choice = ruleset.providerMatcher().choose(routing, directory, Set.of(), AS_OF);
                matchingNanos += System.nanoTime() - t1;
                routed++;
                targetsSeen.add(referral.target());
                String which = "case " + i + " variant " + v + " " + facts.path("person");
                if (!referral.referred()) {
                    violations.add(which + ": not referred");
                }
                if (!choice.providerFound()) {
                    violations.add(which + ": no provider for " + routing);
                    continue;
                }
                ProviderChoice.Candidate chosen = choice.best().orElseThrow();
                if (!lawful(chosen, routing)) {
                    violations.add(which + ": " + chosen.provider().name() + " may not serve " + routing);
                }
                if (routing.target() == ReferralTarget.LSC_RECIPIENT
                        || routing.target() == ReferralTarget.LSC_RECIPIENT_NON_LSC_FUNDS) {
                    boolean available = directory.stream().anyMatch(p -> suitableLscRecipient(p, routing));
                    boolean nonLscFirst = chosen.provider().fundingType() == FundingType.NON_LSC;
                    if (available) {
                        lscRecipientAvailable++;
                        if (nonLscFirst) {
                            violations.add(which + ": K-24 " + chosen.provider().name() + " (no LSC money) before a"
                                    + " suitable LSC recipient for " + routing);
                        }
                    } else if (nonLscFirst) {
                        noLscRecipientLeft++;
                        if (chosen.reasons().stream().noneMatch(r ->
                                r.explanation().key().equals("routing.no-lsc-recipient-left"))) {
                            violations.add(which + ": K-24 no LSC recipient left, but the referral does not say so");
                        }
                    }
                }
                if (v == 0) {
                    firstProvider = chosen.provider().id();
                } else if (!chosen.provider().id().equals(firstProvider)) {
                    whoChanged++;
                }
            }
        }

        System.out.printf("%d routings: screening %d ms, provider choice %d ms%n", routed, screeningNanos / 1_000_000,
                matchingNanos / 1_000_000);
        assertThat(violations).as("cases not referred, or referred against the law").isEmpty();
        assertThat(routed).isGreaterThanOrEqualTo(CASES * (VARIANTS + 1));
        assertThat(targetsSeen).as("the generator reaches every referral target").containsExactlyInAnyOrder(
                ReferralTarget.values());
        assertThat(whoChanged).as("immigration status does change which provider, sometimes").isPositive();
        assertThat(lscRecipientAvailable).as("K-24: cases with a suitable LSC recipient available").isGreaterThan(1000);
        assertThat(noLscRecipientLeft).as("K-24: cases with none left, routed to a provider without LSC money")
                .isGreaterThan(100);
    }

    /**
     * K-24(1), judged from the directory alone: an LSC recipient (with non-LSC funds, when that is the target) that
     * works where the person is (a U.S. provider also serves a person abroad, K-24(3)), serves a known minor and a
     * known detained person, and has open capacity.
     */
    private static boolean suitableLscRecipient(ProviderProfile p, RoutingFacts routing) {
        if (p.fundingType() != FundingType.LSC || p.openSlots() <= 0) {
            return false;
        }
        if (routing.target() == ReferralTarget.LSC_RECIPIENT_NON_LSC_FUNDS && !p.nonLscFunds()) {
            return false;
        }
        boolean usProvider = p.regions().contains("ANYWHERE")
                || p.regions().stream().anyMatch(r -> r.equals("US") || r.startsWith("US-"));
        boolean place = routing.country() == null || p.regions().contains("ANYWHERE")
                || p.regions().contains(routing.country())
                || (routing.state() != null ? p.regions().contains("US-" + routing.state())
                        : "US".equals(routing.country()) && usProvider)
                || (!"US".equals(routing.country()) && usProvider);
        return place && (routing.minor() != Boolean.TRUE || p.servesYouth())
                && (routing.detained() != Boolean.TRUE || p.detentionCapable());
    }

    /**
     * The directory with some providers full, so that sometimes no LSC recipient is left. The remote provider that
     * takes no LSC money stays open: it is the last resort that makes "every case finds a provider" hold here (when
     * nobody at all is left, the workflow escalates to a supervisor, which the process tests cover).
     */
    private static List<ProviderProfile> withSomeFull(List<ProviderProfile> directory, Random random) {
        List<ProviderProfile> changed = new ArrayList<>();
        for (ProviderProfile p : directory) {
            boolean lastResort = p.regions().contains(ProviderProfile.ANYWHERE);
            changed.add(lastResort || random.nextInt(4) > 0 ? p : new ProviderProfile(p.id(), p.name(), p.fundingType(),
                    p.nonLscFunds(), p.languages(), p.regions(), p.servesYouth(), p.detentionCapable(), 0));
        }
        return changed;
    }

    /** The provider's money may serve the target it was chosen under, and the case allows that target. */
    private static boolean lawful(ProviderChoice.Candidate chosen, RoutingFacts routing) {
        List<ReferralTarget> allowed = new ArrayList<>(routing.alternativeTargets());
        allowed.add(routing.target());
        allowed.add(ReferralTarget.NON_LSC_PROVIDER);
        FundingType funding = chosen.provider().fundingType();
        boolean fits = switch (chosen.target()) {
            case LSC_RECIPIENT -> funding == FundingType.LSC;
            case LSC_RECIPIENT_NON_LSC_FUNDS -> funding == FundingType.LSC && chosen.provider().nonLscFunds();
            case NON_LSC_PROVIDER -> funding == FundingType.NON_LSC;
            case MEXICAN_PROVIDER -> funding == FundingType.MEXICAN;
        };
        return fits && allowed.contains(chosen.target());
    }

    /** A scenario moved to another place and age, with other money, matters and who-knows-what unknown. */
    private static ObjectNode vary(ObjectNode facts, Random random) {
        ObjectNode person = facts.has("person") ? (ObjectNode) facts.get("person") : facts.putObject("person");
        String[] place = PLACES[random.nextInt(PLACES.length)];
        if (place == null) {
            person.remove("currentLocation");
        } else {
            ObjectNode location = person.putObject("currentLocation");
            if (place[0] != null) {
                location.put("country", place[0]);
            }
            if (place[1] != null) {
                location.put("usState", place[1]);
            }
        }
        person.remove("dateOfBirth");
        if (random.nextInt(5) == 0) {
            person.remove("ageEstimate");
        } else {
            person.put("ageEstimate", 8 + random.nextInt(60));
        }
        if (random.nextBoolean()) {
            ObjectNode money = facts.putObject("money");
            money.put("householdSize", 1 + random.nextInt(6));
            money.put("annualIncome", random.nextInt(90_000));
            money.put("assetsWithinCeiling", random.nextInt(4) != 0);
        } else if (random.nextBoolean()) {
            facts.remove("money");
        }
        if (random.nextInt(3) == 0) {
            var matters = facts.putArray("legalMatters");
            for (int m = random.nextInt(3); m >= 0; m--) {
                matters.addObject().put("type", MATTERS[random.nextInt(MATTERS.length)])
                        .put("relatedToVictimization", random.nextBoolean());
            }
        }
        return withOtherImmigrationFacts(facts, random);
    }

    /** The same case with only its immigration facts drawn again. */
    private static ObjectNode withOtherImmigrationFacts(ObjectNode facts, Random random) {
        ObjectNode person = (ObjectNode) facts.get("person");
        for (String field : List.of("citizenship", "immigrationStatus", "nonimmigrantClass", "statusValidUntil",
                "entryManner", "removal")) {
            person.remove(field);
        }
        String citizenship = CITIZENSHIP[random.nextInt(CITIZENSHIP.length)];
        put(person, "citizenship", citizenship);
        if (citizenship == null || citizenship.equals("NONCITIZEN")) {
            String status = STATUS[random.nextInt(STATUS.length)];
            put(person, "immigrationStatus", status);
            if ("NONIMMIGRANT".equals(status)) {
                put(person, "nonimmigrantClass", VISA[random.nextInt(VISA.length)]);
                if (random.nextBoolean()) {
                    person.put("statusValidUntil", AS_OF.plusDays(random.nextInt(700) - 350).toString());
                }
            }
            put(person, "entryManner", ENTRY[random.nextInt(ENTRY.length)]);
            if (random.nextInt(3) > 0) {
                ObjectNode removal = person.putObject("removal");
                put(removal, "stage", REMOVAL_STAGE[random.nextInt(REMOVAL_STAGE.length)]);
                Boolean detained = MAYBE[random.nextInt(MAYBE.length)];
                if (detained != null) {
                    removal.put("detained", detained);
                }
                Boolean scheduled = MAYBE[random.nextInt(MAYBE.length)];
                if (scheduled != null) {
                    removal.put("scheduled", scheduled);
                }
            }
        }
        return facts;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static List<JsonNode> scenarios() throws IOException {
        List<JsonNode> facts = new ArrayList<>();
        facts.add(JSON.createObjectNode());
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/scenarios"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                facts.add(JSON.readTree(file.toFile()).path("facts"));
            }
        }
        assertThat(facts).hasSizeGreaterThan(25);
        return facts;
    }

    /** The fictional directory the embedded default starts with, every provider with all its places open. */
    static List<ProviderProfile> demoDirectory() throws IOException {
        try (InputStream in = ImmigrationStatusChangesWhoNeverWhetherTest.class
                .getResourceAsStream("/providers/demo-providers.json")) {
            List<ProviderProfile> profiles = new ArrayList<>();
            for (JsonNode p : JSON.readTree(in).path("providers")) {
                profiles.add(new ProviderProfile(UUID.fromString(p.path("id").asText()), p.path("name").asText(),
                        FundingType.valueOf(p.path("fundingType").asText()), p.path("nonLscFunds").asBoolean(),
                        Set.copyOf(JSON.convertValue(p.path("languages"), String[].class).length == 0 ? List.of()
                                : List.of(JSON.convertValue(p.path("languages"), String[].class))),
                        Set.of(JSON.convertValue(p.path("regions"), String[].class)),
                        p.path("servesYouth").asBoolean(), p.path("detentionCapable").asBoolean(),
                        p.path("capacity").asInt()));
            }
            return profiles;
        }
    }
}
