package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.scenarios.Scenario;

/**
 * Many requests evaluate at once, more than there are processors (issue 14): they share pooled sessions and wait
 * their turn for a processor. Whatever the interleaving, every decision must equal the one made alone, compared as
 * it is stored (with the same id and time): a session returned to the pool carries nothing of the screening before
 * it, and no evaluation waits forever.
 */
class ConcurrentEvaluationsTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 1;
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000014");
    private static final Instant DECIDED_AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void evaluationsMadeAtOnceEqualTheSameEvaluationsMadeAlone() throws Exception {
        Ruleset ruleset = RulesetScenariosTest.ruleset();
        Map<String, CaseFacts> facts = new ConcurrentHashMap<>();
        Map<String, JsonNode> alone = new ConcurrentHashMap<>();
        for (Scenario s : Scenario.all()) {
            ScreeningFacts request = RulesetScenariosTest.JSON.treeToValue(s.facts(), ScreeningFacts.class);
            CaseFacts mapped = FactsMapper.map(request, FactsMapper.asOfDate(request, TODAY));
            facts.put(s.displayName(), mapped);
            alone.put(s.displayName(), stored(ruleset, mapped));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    List<String> differences = new ArrayList<>();
                    List<String> names = new ArrayList<>(facts.keySet());
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < names.size(); i++) {
                            // Each thread walks the scenarios from its own offset, so different screenings overlap.
                            String name = names.get((i + offset) % names.size());
                            if (!stored(ruleset, facts.get(name)).equals(alone.get(name))) {
                                differences.add(name);
                            }
                        }
                    }
                    return differences;
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                    .as("every concurrent evaluation finished (none waits forever for a processor)").isTrue();
            List<String> differences = new ArrayList<>();
            for (Future<List<String>> result : results) {
                differences.addAll(result.get());
            }
            assertThat(alone).hasSizeGreaterThan(10);
            assertThat(differences).as("scenarios whose concurrent evaluation differed from the one made alone")
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode stored(Ruleset ruleset, CaseFacts facts) {
        Evaluation evaluation = ruleset.engine().evaluate(facts);
        return RulesetScenariosTest.JSON.valueToTree(
                DecisionMapper.toDecision(ID, DECIDED_AT, facts.screening().asOfDate(), ruleset, evaluation));
    }
}
