package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.config.JsonConfig;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.scenarios.Scenario;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The service's JSON reads and writes the model through generated accessors (Blackbird, issue 14) instead of
 * reflection. Stored decisions are digested in the audit trail, so the bytes must not change: for every scenario,
 * the facts read alike and the stored decision, each language's answer, the one-language answer and the summary are
 * written byte for byte as by the mapper without it.
 */
class GeneratedAccessorsSameBytesTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void everyScenarioIsReadAndWrittenAsWithReflection() throws Exception {
        ObjectMapper reflective = mapper(false);
        ObjectMapper generated = mapper(true);
        assertThat(generated.getRegisteredModuleIds()).contains(new BlackbirdModule().getTypeId());
        assertThat(reflective.getRegisteredModuleIds()).doesNotContain(new BlackbirdModule().getTypeId());

        Ruleset ruleset = Ruleset.compile(RulesetFiles.fromClasspath("rules"));
        List<String> differences = new ArrayList<>();
        List<Scenario> scenarios = Scenario.all();
        for (Scenario s : scenarios) {
            String factsText = reflective.writeValueAsString(s.facts());
            ScreeningFacts facts = reflective.readValue(factsText, ScreeningFacts.class);
            ScreeningFacts factsGenerated = generated.readValue(factsText, ScreeningFacts.class);
            if (!facts.equals(factsGenerated)) {
                differences.add(s.displayName() + ": facts read");
            }
            if (!reflective.writeValueAsString(facts).equals(generated.writeValueAsString(facts))) {
                differences.add(s.displayName() + ": facts written");
            }
            LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
            ScreeningDecision decision = DecisionMapper.toDecision(ID, AT, asOf, ruleset,
                    ruleset.engine().evaluate(FactsMapper.map(facts, asOf)));
            String stored = reflective.writeValueAsString(decision);
            same(s, "stored decision", stored, generated.writeValueAsString(decision), differences);
            if (!generated.readValue(stored, ScreeningDecision.class).equals(decision)) {
                differences.add(s.displayName() + ": stored decision read back");
            }
            for (Language language : Language.values()) {
                Object answer = Localizer.localize(decision, language);
                same(s, "answer " + language, reflective.writeValueAsString(answer),
                        generated.writeValueAsString(answer), differences);
                Object oneLanguage = Localizer.oneLanguage(decision, language);
                same(s, "one-language answer " + language, reflective.writeValueAsString(oneLanguage),
                        generated.writeValueAsString(oneLanguage), differences);
            }
            Object summary = Summaries.of(decision);
            same(s, "summary", reflective.writeValueAsString(summary), generated.writeValueAsString(summary),
                    differences);
        }
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(Scenario.PUBLIC_SCENARIOS);
        assertThat(differences).isEmpty();
    }

    private static void same(Scenario s, String what, String reflective, String generated, List<String> differences) {
        if (!reflective.equals(generated)) {
            differences.add(s.displayName() + ": " + what);
        }
    }

    /** The service's mapper (Spring Boot's builder with {@link JsonConfig}), with or without the generated accessors. */
    private static ObjectMapper mapper(boolean generatedAccessors) {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        JsonConfig config = new JsonConfig();
        config.strictJson().customize(builder);
        if (generatedAccessors) {
            builder.modulesToInstall(config.blackbird());
        }
        return builder.build();
    }
}
