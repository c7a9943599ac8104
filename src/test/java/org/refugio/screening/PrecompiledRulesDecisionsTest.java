package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.drools.DrlCompiler;
import org.refugio.routing.RoutingFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.scenarios.Scenario;
import org.refugio.scenarios.ScenarioRouting;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The bundled ruleset with its rules read precompiled (as start-up does) decides every scenario, the public ones
 * and the others, exactly as with its rules compiled from the DRL: the whole decision JSON, at a fixed id and
 * time, and the provider choice where a scenario has one (none of the public ones does).
 */
@ExtendWith(OutputCaptureExtension.class)
class PrecompiledRulesDecisionsTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void readAndCompiledRulesDecideAlike(CapturedOutput output) throws Exception {
        RulesetFiles files = RulesetFiles.fromClasspath("rules");
        Ruleset read = Ruleset.compile(files);
        // Both KieBases (eligibility and provider choice) came from the build's files, not from compiling.
        assertThat(output.toString().split("read precompiled in", -1)).hasSize(3);
        Ruleset compiled;
        System.setProperty(DrlCompiler.PRECOMPILED_PROPERTY, "false");
        try {
            compiled = Ruleset.compile(files);
        } finally {
            System.clearProperty(DrlCompiler.PRECOMPILED_PROPERTY);
        }
        assertThat(read.allRules()).containsExactlyInAnyOrderElementsOf(compiled.allRules());

        List<Scenario> scenarios = Scenario.all();
        assertThat(scenarios.stream().filter(s -> s.id() <= Scenario.PUBLIC_SCENARIOS))
                .hasSize(Scenario.PUBLIC_SCENARIOS);
        List<String> differences = new ArrayList<>();
        int routed = 0;
        for (Scenario s : scenarios) {
            if (!decide(read, s.facts()).equals(decide(compiled, s.facts()))) {
                differences.add(s.displayName() + ": decision");
            }
            if (s.expected().has("routing")) {
                JsonNode routing = s.expected().path("routing");
                routed++;
                if (!choose(read, s.facts(), routing).equals(choose(compiled, s.facts(), routing))) {
                    differences.add(s.displayName() + ": provider choice");
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(routed).as("scenarios with a provider choice").isPositive();
    }

    private static JsonNode decide(Ruleset ruleset, JsonNode factsJson) throws Exception {
        ScreeningFacts facts = RulesetScenariosTest.JSON.treeToValue(factsJson, ScreeningFacts.class);
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
        var evaluation = ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
        return RulesetScenariosTest.JSON.valueToTree(DecisionMapper.toDecision(ID, AT, asOf, ruleset, evaluation));
    }

    private static JsonNode choose(Ruleset ruleset, JsonNode factsJson, JsonNode routing) throws Exception {
        ScreeningFacts facts = RulesetScenariosTest.JSON.treeToValue(factsJson, ScreeningFacts.class);
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
        var caseFacts = FactsMapper.map(facts, asOf);
        var referral = ruleset.engine().evaluate(caseFacts).referral();
        var routingFacts = RoutingFacts.of(referral.target(), referral.alternatives(), referral.scope(),
                referral.urgent(), caseFacts.person(), ScenarioRouting.languages(routing));
        return RulesetScenariosTest.JSON.valueToTree(ruleset.providerMatcher()
                .choose(routingFacts, ScenarioRouting.directory(routing), Set.of(), asOf));
    }
}
