package org.refugio.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;

/** The provider-choice rules of rules/routing/ (LA-01..LA-03, LSC-A-09) against small hand-made directories. */
class ProviderChoiceRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static RulesetFiles files;
    private static ProviderMatcher matcher;

    @BeforeAll
    static void compile() {
        files = RulesetFiles.fromClasspath("rules");
        matcher = Ruleset.compile(files).providerMatcher();
    }

    private static ProviderProfile provider(String name, FundingType funding, boolean nonLscFunds, Set<String> regions,
                                            Set<String> languages, boolean youth, boolean detention, int openSlots) {
        return new ProviderProfile(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), name, funding,
                nonLscFunds, languages, regions, youth, detention, openSlots);
    }

    private static ProviderProfile lsc(String name, String... regions) {
        return provider(name, FundingType.LSC, true, Set.of(regions), Set.of("en", "es"), true, true, 5);
    }

    private static ProviderProfile nonLsc(String name, String... regions) {
        return provider(name, FundingType.NON_LSC, false, Set.of(regions), Set.of("en", "es"), true, true, 5);
    }

    private static ProviderProfile mexican(String name) {
        return provider(name, FundingType.MEXICAN, false, Set.of("MX"), Set.of("es"), true, true, 5);
    }

    private static RoutingFacts inTexas(ReferralTarget target, ReferralTarget... alternatives) {
        return new RoutingFacts(target, List.of(alternatives), LscScope.RELATED, false, Set.of("es"), false, "US",
                "TX", false);
    }

    private static List<String> ranked(ProviderChoice choice) {
        return choice.ranked().stream().map(c -> c.provider().name()).toList();
    }

    @Test
    void aCaseKeptFromLscRecipientsNeverGoesToOneWhateverItsFunds() {
        ProviderProfile recipient = lsc("recipient", "US-TX");
        ProviderProfile free = nonLsc("free", "US-TX");

        ProviderChoice choice = matcher.choose(inTexas(ReferralTarget.NON_LSC_PROVIDER),
                List.of(recipient, free), Set.of(), TODAY);

        assertThat(ranked(choice)).containsExactly("free");
        ProviderChoice.Excluded barred = choice.excluded().get(0);
        assertThat(barred.provider().name()).isEqualTo("recipient");
        assertThat(barred.lawfulTarget()).isNull();
        assertThat(barred.reasons()).extracting(RoutingReason::ruleId).contains("LSC-A-09");
        assertThat(choice.lawfulTargetFor(recipient.id())).isEmpty();
    }

    @Test
    void theScreeningsTargetComesFirstThenItsAlternativesThenAnyProviderWithoutLscMoney() {
        ProviderProfile recipient = provider("recipient", FundingType.LSC, false, Set.of("US-TX"), Set.of("es"), true,
                true, 5);
        ProviderProfile recipientWithOtherFunds = lsc("recipient with other funds", "US-TX");
        ProviderProfile free = nonLsc("free", "US-TX");

        ProviderChoice aboveIncomeTest = matcher.choose(inTexas(ReferralTarget.LSC_RECIPIENT_NON_LSC_FUNDS,
                ReferralTarget.NON_LSC_PROVIDER), List.of(free, recipient, recipientWithOtherFunds), Set.of(), TODAY);

        assertThat(ranked(aboveIncomeTest)).containsExactly("recipient with other funds", "free");
        assertThat(aboveIncomeTest.excluded()).extracting(e -> e.provider().name()).containsExactly("recipient");
        assertThat(aboveIncomeTest.ranked().get(1).tier()).isEqualTo(TargetTier.ALTERNATIVE);

        ProviderChoice noAlternative = matcher.choose(inTexas(ReferralTarget.LSC_RECIPIENT), List.of(free, recipient),
                Set.of(), TODAY);
        assertThat(ranked(noAlternative)).containsExactly("recipient", "free");
        assertThat(noAlternative.ranked().get(1).tier()).isEqualTo(TargetTier.LAST_RESORT);
    }

    @Test
    void aMexicanProviderTakesOnlyACaseTheScreeningRoutesToMexico() {
        ProviderChoice inUs = matcher.choose(inTexas(ReferralTarget.LSC_RECIPIENT), List.of(mexican("mx")), Set.of(),
                TODAY);
        assertThat(inUs.ranked()).isEmpty();
        assertThat(inUs.excluded().get(0).reasons()).extracting(r -> r.explanation().key())
                .contains("routing.no-funding-route");

        RoutingFacts inMexico = new RoutingFacts(ReferralTarget.MEXICAN_PROVIDER, List.of(), null, false, Set.of(),
                null, "MX", null, null);
        ProviderChoice routed = matcher.choose(inMexico, List.of(mexican("mx"), nonLsc("us only", "US")), Set.of(),
                TODAY);
        assertThat(ranked(routed)).containsExactly("mx", "us only");
        assertThat(routed.ranked().get(1).tier()).isEqualTo(TargetTier.LAST_RESORT);
    }

    /** K-23, K-24(3): a person in Mexico with a U.S. matter goes to a U.S. LSC recipient, the Mexican provider next. */
    @Test
    void aPersonInMexicoWithAUsMatterIsNotKeptFromUsProvidersByWhereSheIs() {
        RoutingFacts inMexico = new RoutingFacts(ReferralTarget.LSC_RECIPIENT, List.of(ReferralTarget.MEXICAN_PROVIDER),
                null, false, Set.of("es"), false, "MX", null, false);
        ProviderChoice choice = matcher.choose(inMexico,
                List.of(mexican("mx"), lsc("border recipient", "US-TX"), nonLsc("free", "US-TX")), Set.of(), TODAY);

        assertThat(ranked(choice)).containsExactly("border recipient", "mx", "free");
        assertThat(choice.best().orElseThrow().target()).isEqualTo(ReferralTarget.LSC_RECIPIENT);
    }

    @Test
    void aKnownMinorOrDetentionRulesOutProvidersThatCannotServeThemAndAnUnknownOneOnlyPrefers() {
        ProviderProfile adultsOnly = provider("adults only", FundingType.NON_LSC, false, Set.of("US-TX"), Set.of("es"),
                false, false, 5);
        ProviderProfile youthAndDetention = nonLsc("youth and detention", "US");

        RoutingFacts detainedMinor = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, true,
                Set.of("es"), true, "US", "TX", true);
        ProviderChoice known = matcher.choose(detainedMinor, List.of(adultsOnly, youthAndDetention), Set.of(), TODAY);
        assertThat(ranked(known)).containsExactly("youth and detention");
        assertThat(known.excluded().get(0).reasons()).extracting(r -> r.explanation().key())
                .containsExactlyInAnyOrder("routing.not-for-minors", "routing.no-detention-work");
        assertThat(known.excluded().get(0).lawfulTarget()).as("a person may still choose it, with a reason")
                .isEqualTo(ReferralTarget.NON_LSC_PROVIDER);

        RoutingFacts unknown = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false, Set.of("es"),
                null, "US", "TX", null);
        ProviderChoice preferred = matcher.choose(unknown, List.of(adultsOnly, youthAndDetention), Set.of(), TODAY);
        assertThat(ranked(preferred)).as("unknown is never no: both may serve, the capable one first")
                .containsExactly("youth and detention", "adults only");
    }

    @Test
    void theRegionRulesOutOnlyWhatIsKnown() {
        ProviderProfile texas = nonLsc("texas", "US-TX");
        ProviderProfile maine = nonLsc("maine", "US-ME");
        ProviderProfile remote = nonLsc("remote", "ANYWHERE");

        assertThat(ranked(matcher.choose(inTexas(ReferralTarget.NON_LSC_PROVIDER), List.of(texas, maine, remote),
                Set.of(), TODAY))).containsExactly("texas", "remote");
        RoutingFacts stateUnknown = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false, Set.of(),
                false, "US", null, false);
        assertThat(ranked(matcher.choose(stateUnknown, List.of(texas, maine, mexican("mx")), Set.of(), TODAY)))
                .containsExactlyInAnyOrder("texas", "maine");
        RoutingFacts whereaboutsUnknown = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false,
                Set.of(), false, null, null, false);
        assertThat(ranked(matcher.choose(whereaboutsUnknown, List.of(texas, maine), Set.of(), TODAY))).hasSize(2);
        RoutingFacts abroad = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false, Set.of(),
                false, "GT", null, false);
        // K-24(3): a person abroad may pursue a U.S. matter from there; only a provider outside the U.S. that does
        // not work where the person is drops out.
        assertThat(ranked(matcher.choose(abroad, List.of(texas, remote, mexican("mx")), Set.of(), TODAY)))
                .containsExactlyInAnyOrder("texas", "remote");
    }

    @Test
    void theLanguageComesFirstAmongSuitableProvidersLocalityAfterAndOpenCapacityLast() {
        ProviderProfile speaksMam = provider("speaks mam", FundingType.NON_LSC, false, Set.of("US"), Set.of("mam"),
                true, true, 1);
        ProviderProfile local = provider("local", FundingType.NON_LSC, false, Set.of("US-TX"), Set.of("en"), true,
                true, 1);
        ProviderProfile roomy = provider("roomy", FundingType.NON_LSC, false, Set.of("US"), Set.of("en"), true, true,
                50);
        ProviderProfile cramped = provider("cramped", FundingType.NON_LSC, false, Set.of("US"), Set.of("en"), true,
                true, 2);
        RoutingFacts mamSpeaker = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false,
                Set.of("mam"), false, "US", "TX", false);

        ProviderChoice choice = matcher.choose(mamSpeaker, List.of(cramped, roomy, local, speaksMam), Set.of(), TODAY);

        assertThat(ranked(choice)).containsExactly("speaks mam", "local", "roomy", "cramped");
        assertThat(choice.ranked().get(0).preferences()).contains(Preference.SPEAKS_CLIENT_LANGUAGE);
        assertThat(matcher.choose(mamSpeaker, List.of(speaksMam, roomy, cramped, local), Set.of(), TODAY).ranked())
                .as("the same inputs in another order give the same ranking").extracting(c -> c.provider().name())
                .containsExactly("speaks mam", "local", "roomy", "cramped");
    }

    @Test
    void aFullProviderOrOneThatAlreadyDeclinedIsPassedOver() {
        ProviderProfile full = provider("full", FundingType.NON_LSC, false, Set.of("US"), Set.of("es"), true, true, 0);
        ProviderProfile declined = nonLsc("declined", "US");
        ProviderProfile open = nonLsc("open", "US");

        ProviderChoice choice = matcher.choose(inTexas(ReferralTarget.NON_LSC_PROVIDER), List.of(full, declined, open),
                Set.of(declined.id()), TODAY);

        assertThat(ranked(choice)).containsExactly("open");
        assertThat(choice.ruleIds()).contains("LA-02");
        ProviderChoice nobodyLeft = matcher.choose(inTexas(ReferralTarget.NON_LSC_PROVIDER), List.of(full, declined),
                Set.of(declined.id()), TODAY);
        assertThat(nobodyLeft.providerFound()).isFalse();
        assertThat(nobodyLeft.lawfulTargetFor(full.id())).contains(ReferralTarget.NON_LSC_PROVIDER);
    }

    /** The weights are the ruleset's (routing/ranking.yaml), covered by its hash: another order ranks otherwise. */
    @Test
    void theRankingIsReadFromTheRulesetAndAnIncompleteOneIsRefused() {
        ProviderProfile speaksMam = provider("speaks mam", FundingType.NON_LSC, false, Set.of("US"), Set.of("mam"),
                true, true, 1);
        ProviderProfile local = provider("local", FundingType.NON_LSC, false, Set.of("US-TX"), Set.of("en"), true,
                true, 1);
        RoutingFacts mamSpeaker = new RoutingFacts(ReferralTarget.NON_LSC_PROVIDER, List.of(), null, false,
                Set.of("mam"), false, "US", "TX", false);
        Map<String, byte[]> localFirst = new HashMap<>(files.files());
        localFirst.put("routing/ranking.yaml", """
                order: [target, LOCAL_TO_CLIENT, SPEAKS_CLIENT_LANGUAGE, SERVES_YOUTH, WORKS_IN_DETENTION, openCapacity]
                """.getBytes(StandardCharsets.UTF_8));
        RulesetFiles changed = new RulesetFiles(localFirst);

        assertThat(ranked(matcher.choose(mamSpeaker, List.of(local, speaksMam), Set.of(), TODAY)))
                .containsExactly("speaks mam", "local");
        assertThat(ranked(Ruleset.compile(changed).providerMatcher().choose(mamSpeaker, List.of(local, speaksMam),
                Set.of(), TODAY))).containsExactly("local", "speaks mam");
        assertThat(changed.sha256()).isNotEqualTo(files.sha256());

        Map<String, byte[]> incomplete = new HashMap<>(files.files());
        incomplete.put("routing/ranking.yaml", """
                order: [target, SPEAKS_CLIENT_LANGUAGE, speed]
                """.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Ruleset.compile(new RulesetFiles(incomplete)))
                .hasMessageContaining("ranking.yaml").hasMessageContaining("unknown line \"speed\"")
                .hasMessageContaining("\"LOCAL_TO_CLIENT\" missing");
    }

    @Test
    void aProviderChoiceRuleWithoutItsMetadataIsRefusedAtStartUp() {
        Map<String, byte[]> broken = new HashMap<>(files.files());
        broken.put("routing/bad.drl", """
                package rules.routing;
                import org.refugio.routing.*;
                global org.refugio.routing.drools.MatchDecisions decisions;
                rule "a provider rule that decides nothing"
                    @ruleId("LA-02") @tag("U")
                    ruleflow-group "provider-choice"
                when
                    ProviderProfile()
                then
                end
                """.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Ruleset.compile(new RulesetFiles(broken)))
                .hasMessageContaining("a provider rule that decides nothing").hasMessageContaining("@decides");
    }
}
