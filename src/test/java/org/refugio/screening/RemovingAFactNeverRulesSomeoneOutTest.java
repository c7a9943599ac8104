package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>K-00 is the one stated exception: a branch input (derivative relief, the special LSC groups, incapacity, a
 * child's abuse) opens its path only when recorded, so forgetting it may leave a program NOT_ELIGIBLE, but then the
 * program must ask that path's question.
 */
class RemovingAFactNeverRulesSomeoneOutTest {

    /** K-00 branch inputs (and, for K-07 and K-15, a recorded derivative status), with the question each must leave. */
    static final List<BranchInput> BRANCH_INPUTS = List.of(
            new BranchInput(Pattern.compile("/person/derivativeOf"), Set.of("ask.t-derivative-of", "ask.u-derivative-of")),
            new BranchInput(Pattern.compile("/person/immigrationStatus"), Set.of("ask.t-derivative-of", "ask.u-derivative-of")),
            new BranchInput(Pattern.compile("/person/usCitizenRelative"), Set.of("ask.us-citizen-relative")),
            new BranchInput(Pattern.compile("/person/lscSpecialCategories"), Set.of("ask.lsc-special-categories")),
            new BranchInput(Pattern.compile("/person/incapacitated"), Set.of("ask.incapacitated")),
            new BranchInput(Pattern.compile("/family/\\d+/abuseSuffered"), Set.of("ask.child-abuse")));

    record BranchInput(Pattern path, Set<String> questions) {

        /** Removing this path forgets the branch input: the whole field, its last member, or what holds it. */
        boolean forgottenBy(String removed, JsonNode facts) {
            if (removablePaths(facts.at(removed), removed).stream()
                    .anyMatch(inside -> path.matcher(inside).matches() && forgottenBy(inside, facts))) {
                return true;
            }
            if (path.matcher(removed).matches()) {
                return !removed.endsWith("/immigrationStatus")
                        || facts.at(removed).asText().matches("T_DERIVATIVE|U_DERIVATIVE");
            }
            String field = field(removed);
            return field != null && facts.at(field).isObject() && facts.at(field).size() == 1;
        }

        /** An item taken out of a branch list leaves a recorded list that says less: a different fact, not a blank. */
        boolean itemOf(String removed, JsonNode facts) {
            String field = field(removed);
            return field != null && facts.at(field).isArray();
        }

        private String field(String removed) {
            Matcher m = path.matcher(removed);
            return m.lookingAt() && m.end() < removed.length() && removed.charAt(m.end()) == '/' ? removed.substring(0, m.end()) : null;
        }
    }

    /** K-00: the program ruled out only because a branch input was forgotten, and it asks that branch's question. */
    private static boolean allowedByK00(String removed, JsonNode facts, List<Evaluation.FollowUpItem> followUps) {
        for (BranchInput input : BRANCH_INPUTS) {
            if (input.itemOf(removed, facts)) {
                return true;
            }
            if (input.forgottenBy(removed, facts)
                    && followUps.stream().anyMatch(f -> input.questions().contains(f.question().key()))) {
                return true;
            }
        }
        return false;
    }

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
                    Evaluation.ProgramOutcome afterOutcome = reduced.program(before.program());
                    Status after = afterOutcome.status();
                    if (before.status() != Status.NOT_ELIGIBLE && after == Status.NOT_ELIGIBLE
                            && !allowedByK00(path, s.facts(), afterOutcome.followUps())) {
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
