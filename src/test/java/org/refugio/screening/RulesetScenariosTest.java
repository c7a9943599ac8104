package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.scenarios.GoldenDecisions;
import org.refugio.routing.RoutingFacts;
import org.refugio.scenarios.Scenario;
import org.refugio.scenarios.ScenarioRouting;
import org.refugio.scenarios.ScenarioExpectations;

/**
 * The scenarios straight through the rules, without HTTP or a database: the fast loop for whoever edits
 * rules/. The same files run through the REST API in ScreeningScenariosApiTest.
 */
class RulesetScenariosTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Ruleset ruleset() {
        String dir = System.getProperty("refugio.rules.directory", "");
        return Ruleset.compile(dir.isBlank() ? RulesetFiles.fromClasspath("rules") : RulesetFiles.fromDirectory(Path.of(dir)));
    }

    static JsonNode decide(Ruleset ruleset, JsonNode factsJson) throws Exception {
        ScreeningFacts facts = JSON.treeToValue(factsJson, ScreeningFacts.class);
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
        var evaluation = ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
        return JSON.valueToTree(DecisionMapper.toDecision(UUID.randomUUID(), Instant.now(), asOf, ruleset, evaluation));
    }

    /** The provider choice for the screened person, as the workflow's routing step makes it (expected.routing). */
    static List<String> routingDifferences(Ruleset ruleset, JsonNode factsJson, JsonNode routing) throws Exception {
        ScreeningFacts facts = JSON.treeToValue(factsJson, ScreeningFacts.class);
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
        var caseFacts = FactsMapper.map(facts, asOf);
        var referral = ruleset.engine().evaluate(caseFacts).referral();
        var routingFacts = RoutingFacts.of(referral.target(), referral.alternatives(), referral.scope(),
                referral.urgent(), caseFacts.person(), ScenarioRouting.languages(routing));
        var choice = ruleset.providerMatcher().choose(routingFacts, ScenarioRouting.directory(routing), Set.of(), asOf);
        return ScenarioRouting.differences(routing, choice);
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioMeetsItsExpectations() {
        Ruleset ruleset = ruleset();
        List<Scenario> scenarios = Scenario.all();
        // A file that does not load must not make the suite smaller and greener.
        DynamicTest everyFileLoaded = DynamicTest.dynamicTest("every scenario file on disk is loaded", () ->
                assertThat(scenarios).as("scenarios loaded, against the files in " + Scenario.SOURCE_DIRECTORY)
                        .hasSize(Scenario.filesInSourceTree().size()));
        return Stream.concat(Stream.of(everyFileLoaded), scenarios.stream().map(s ->
                DynamicTest.dynamicTest(s.displayName(), () -> {
                    List<String> differences = new java.util.ArrayList<>(
                            ScenarioExpectations.differences(s.expected(), decide(ruleset, s.facts())));
                    if (s.expected().has("routing")) {
                        differences.addAll(routingDifferences(ruleset, s.facts(), s.expected().path("routing")));
                    }
                    assertThat(differences).as(s.displayName()).isEmpty();
                })));
    }

    /**
     * The public scenarios' full decisions against src/test/resources/golden/ (GoldenDecisions):
     * {@code -Drefugio.golden.update=true} rewrites them.
     */
    @TestFactory
    Stream<DynamicTest> publicScenariosMatchTheirGoldenDecisions() {
        Ruleset ruleset = ruleset();
        List<Scenario> publicScenarios = Scenario.all().stream()
                .filter(s -> s.id() <= Scenario.PUBLIC_SCENARIOS).toList();
        DynamicTest all = DynamicTest.dynamicTest("a golden decision for each public scenario and no other", () -> {
            assertThat(publicScenarios).hasSize(Scenario.PUBLIC_SCENARIOS);
            assertThat(GoldenDecisions.orphans(publicScenarios)).as("golden files without a public scenario").isEmpty();
        });
        return Stream.concat(Stream.of(all), publicScenarios.stream().map(s ->
                DynamicTest.dynamicTest("golden " + s.displayName(), () -> {
                    List<String> differences = GoldenDecisions.check(s, decide(ruleset, s.facts()));
                    assertThat(differences).withFailMessage(String.join("\n  ", differences)).isEmpty();
                })));
    }
}
