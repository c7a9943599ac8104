package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.Status;
import org.refugio.ruleset.Ruleset;
import org.refugio.scenarios.Scenario;

/**
 * G-03, as a metamorphic property: forgetting any one recorded fact of a scenario can make a program unknown,
 * but never turns a program (or a relative's result) that was not NOT_ELIGIBLE into NOT_ELIGIBLE.
 * Every property at every depth is removed in turn (not the relative's id, which the contract requires, and
 * not asOfDate, which is the screening's date rather than a fact about the person).
 */
class RemovingAFactNeverRulesSomeoneOutTest {

    @TestFactory
    Stream<DynamicTest> removingAnyOneFactNeverTurnsAResultIntoNotEligible() {
        Ruleset ruleset = RulesetScenariosTest.ruleset();
        return Scenario.all().stream().map(s -> DynamicTest.dynamicTest(s.displayName(), () -> {
            Evaluation original = evaluate(ruleset, s.facts());
            List<String> violations = new ArrayList<>();
            List<String> paths = removablePaths(s.facts(), "");
            for (String path : paths) {
                Evaluation reduced = evaluate(ruleset, without(s.facts(), path));
                for (Evaluation.ProgramOutcome before : original.programs()) {
                    Status after = reduced.program(before.program()).status();
                    if (before.status() != Status.NOT_ELIGIBLE && after == Status.NOT_ELIGIBLE) {
                        violations.add("removing " + path + " turned " + before.program() + " from "
                                + before.status() + " into NOT_ELIGIBLE");
                    }
                }
                for (Evaluation.DerivativeOutcome before : original.derivatives()) {
                    reduced.derivatives().stream().filter(d -> d.memberId().equals(before.memberId())).findFirst()
                            .filter(d -> before.status() != Status.NOT_ELIGIBLE && d.status() == Status.NOT_ELIGIBLE)
                            .ifPresent(d -> violations.add("removing " + path + " turned relative " + d.memberId()
                                    + " from " + before.status() + " into NOT_ELIGIBLE"));
                }
            }
            assertThat(paths).isNotEmpty();
            assertThat(violations).isEmpty();
        }));
    }

    private static Evaluation evaluate(Ruleset ruleset, JsonNode factsJson) throws Exception {
        ScreeningFacts facts = RulesetScenariosTest.JSON.treeToValue(factsJson, ScreeningFacts.class);
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.of(2026, 11, 26));
        return ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
    }

    /** JSON Pointers of every property that can be removed, objects and arrays included. */
    static List<String> removablePaths(JsonNode node, String at) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = at + "/" + e.getKey();
                if (!(at.isEmpty() && e.getKey().equals("asOfDate")) && !(at.startsWith("/family/") && e.getKey().equals("id"))) {
                    paths.add(path);
                }
                paths.addAll(removablePaths(e.getValue(), path));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(removablePaths(node.get(i), at + "/" + i));
            }
        }
        return paths;
    }

    static JsonNode without(JsonNode facts, String path) {
        JsonNode copy = facts.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
        return copy;
    }
}
