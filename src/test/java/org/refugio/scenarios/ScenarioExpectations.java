package org.refugio.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.ReasonCode;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.eligibility.Status;

/**
 * Compares a screening decision (as JSON) with a scenario's expectations and lists every difference, so one
 * failing scenario shows all its wrong cells at once. An expectation the comparison does not know is an error
 * (checkShape), never silently ignored. The keys are described in src/test/resources/scenarios/README.md.
 */
public final class ScenarioExpectations {

    private static final Set<String> TOP = Set.of("programs", "derivatives", "reasonCodes", "attorneyReview", "tasks",
            "absentTasks", "followUps", "notes", "absentNotes", "deadlines", "scopes", "legalAidReferral", "criteria",
            "absentCriteria", "routing");
    /** K-25, K-26: what a program's contributing rule must (or must not) show, field by field. */
    private static final Set<String> CRITERION = Set.of("ruleId", "status", "verificationTag", "citation");
    private static final Set<String> REFERRAL = Set.of("referred", "targets", "scope", "urgent", "urgencyReasons",
            "alternativeTargets", "notes", "absentNotes", "fallbackExpected");
    /**
     * The explanation a referral carries when no LA-02 row chose its target and the LA-01 fallback did (the rule
     * "LA-01 no LA-02 row chose a target", message la-01.fallback): read from the ruleset's English bundle.
     */
    static final String FALLBACK_EXPLANATION = fallbackExplanation();
    private static final Set<String> DERIVATIVE = Set.of("class", "status", "followUps", "deadlines", "notes");

    private ScenarioExpectations() {
    }

    /** Refuses an expectation with a key, program, status or target this comparison would not check. */
    public static void checkShape(String file, JsonNode expected) {
        List<String> problems = new ArrayList<>();
        unknownKeys(expected, TOP, "", problems);
        for (String byProgram : List.of("programs", "reasonCodes", "attorneyReview", "followUps", "notes",
                "absentNotes", "deadlines", "scopes", "criteria", "absentCriteria")) {
            unknownValues(names(expected.path(byProgram)), names(Program.class), byProgram + ".", problems);
        }
        for (JsonNode status : expected.path("programs")) {
            unknownValues(List.of(status.asText()), names(Status.class), "programs: status ", problems);
        }
        for (JsonNode reason : expected.path("reasonCodes")) {
            unknownValues(List.of(reason.asText()), names(ReasonCode.class), "reasonCodes: ", problems);
        }
        for (JsonNode scope : expected.path("scopes")) {
            unknownValues(List.of(scope.asText()), names(LscScope.class), "scopes: ", problems);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("derivatives").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            unknownKeys(e.getValue(), DERIVATIVE, "derivatives." + e.getKey() + ".", problems);
            unknownValues(List.of(e.getValue().path("class").asText()), names(DerivativeClass.class),
                    "derivatives." + e.getKey() + ".class ", problems);
            unknownValues(List.of(e.getValue().path("status").asText()), names(Status.class),
                    "derivatives." + e.getKey() + ".status ", problems);
        }
        for (String list : List.of("criteria", "absentCriteria")) {
            for (JsonNode rows : expected.path(list)) {
                for (JsonNode row : rows) {
                    unknownKeys(row, CRITERION, list + ": ", problems);
                    if (!row.hasNonNull("ruleId")) {
                        problems.add(list + ": a row without ruleId");
                    }
                }
            }
        }
        JsonNode referral = expected.path("legalAidReferral");
        unknownKeys(referral, REFERRAL, "legalAidReferral.", problems);
        if (expected.has("routing")) {
            ScenarioRouting.checkShape(expected.path("routing"), problems);
        }
        if (referral.has("fallbackExpected") && !referral.path("fallbackExpected").isBoolean()) {
            problems.add("legalAidReferral.fallbackExpected is true or false");
        }
        List<String> targets = new ArrayList<>();
        referral.path("targets").forEach(t -> targets.add(t.asText()));
        referral.path("alternativeTargets").forEach(t -> targets.add(t.asText()));
        unknownValues(targets, names(ReferralTarget.class), "legalAidReferral target ", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": expectations this test does not know: " + problems);
        }
    }

    public static List<String> differences(JsonNode expected, JsonNode decision) {
        List<String> differences = new ArrayList<>();
        JsonNode programs = expected.path("programs");
        for (Iterator<Map.Entry<String, JsonNode>> it = programs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("programs"), "program", e.getKey());
            String status = actual == null ? "(missing)" : actual.path("status").asText();
            if (!status.equals(e.getValue().asText())) {
                differences.add(e.getKey() + ": expected " + e.getValue().asText() + ", got " + status
                        + (actual == null ? "" : explain(actual)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("scopes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("programs"), "program", e.getKey());
            String scope = actual == null ? "(missing)" : actual.path("scope").asText("none");
            if (!scope.equals(e.getValue().asText())) {
                differences.add(e.getKey() + ": expected scope " + e.getValue().asText() + ", got " + scope);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("derivatives").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("derivatives"), "memberId", e.getKey());
            if (actual == null) {
                differences.add("derivative " + e.getKey() + ": missing");
                continue;
            }
            String wantClass = e.getValue().path("class").asText();
            String wantStatus = e.getValue().path("status").asText();
            if (!wantClass.equals(actual.path("class").asText()) || !wantStatus.equals(actual.path("status").asText())) {
                differences.add("derivative " + e.getKey() + ": expected " + wantClass + " " + wantStatus + ", got "
                        + actual.path("class").asText() + " " + actual.path("status").asText() + explain(actual));
            }
            for (String list : List.of("followUps", "deadlines", "notes")) {
                containsCodes("derivative " + e.getKey() + " " + list, e.getValue().path(list), actual.path(list),
                        differences);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("reasonCodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("programs"), "program", e.getKey());
            if (actual == null || !e.getValue().asText().equals(actual.path("reasonCode").asText())) {
                differences.add(e.getKey() + ": expected reason " + e.getValue().asText() + ", got "
                        + (actual == null ? "(missing)" : actual.path("reasonCode").asText("none")));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("attorneyReview").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("programs"), "program", e.getKey());
            if (actual == null || !actual.path("notes").findValuesAsText("code").contains(e.getValue().asText())) {
                differences.add(e.getKey() + ": expected attorney-review note " + e.getValue().asText());
            }
        }
        for (String list : List.of("followUps", "notes", "deadlines")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.path(list).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode actual = find(decision.path("programs"), "program", e.getKey());
                containsCodes(e.getKey() + " " + list, e.getValue(), actual == null ? null : actual.path(list),
                        differences);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("absentNotes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode actual = find(decision.path("programs"), "program", e.getKey());
            lacksCodes(e.getKey() + " notes", e.getValue(), actual == null ? null : actual.path("notes"), differences);
        }
        for (String list : List.of("criteria", "absentCriteria")) {
            boolean wanted = list.equals("criteria");
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.path(list).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode actual = find(decision.path("programs"), "program", e.getKey());
                for (JsonNode row : e.getValue()) {
                    boolean found = false;
                    for (JsonNode c : actual == null ? decision.path("none") : actual.path("criteria")) {
                        found |= matches(row, c);
                    }
                    if (found != wanted) {
                        differences.add(e.getKey() + ": expected " + (wanted ? "" : "no ") + "rule " + row
                                + " among the rules that gave its value" + (actual == null ? "" : explain(actual)));
                    }
                }
            }
        }
        List<String> tasks = decision.path("tasks").findValuesAsText("code");
        for (JsonNode task : expected.path("tasks")) {
            if (!tasks.contains(task.asText())) {
                differences.add("expected task " + task.asText() + ", got " + tasks);
            }
        }
        for (JsonNode task : expected.path("absentTasks")) {
            if (tasks.contains(task.asText())) {
                differences.add("expected no task " + task.asText() + ", got " + tasks);
            }
        }
        JsonNode referral = expected.path("legalAidReferral");
        JsonNode actual = decision.path("legalAidReferral");
        if (!actual.path("referred").asBoolean(false)) {
            differences.add("legal-aid referral: not referred (LA-01 says every case is)");
        }
        boolean fallback = FALLBACK_EXPLANATION.equals(actual.path("explanation").path("en").asText());
        boolean fallbackExpected = referral.path("fallbackExpected").asBoolean(false);
        if (referral.has("targets") && fallback && !fallbackExpected) {
            differences.add("legal-aid referral: the target " + actual.path("target").asText() + " comes from the LA-01"
                    + " fallback, not from an LA-02 row; a scenario that expects that says \"fallbackExpected\": true");
        }
        if (fallbackExpected && !fallback) {
            differences.add("legal-aid referral: expected the LA-01 fallback (fallbackExpected), but an LA-02 row chose "
                    + actual.path("target").asText() + ": " + actual.path("explanation").path("en").asText());
        }
        if (referral.has("targets")) {
            boolean accepted = false;
            for (JsonNode target : referral.path("targets")) {
                accepted |= target.asText().equals(actual.path("target").asText());
            }
            if (!accepted) {
                differences.add("legal-aid referral: expected one of " + referral.path("targets") + ", got "
                        + actual.path("target").asText());
            }
        }
        List<String> alternatives = new ArrayList<>();
        actual.path("alternativeTargets").forEach(t -> alternatives.add(t.asText()));
        for (JsonNode target : referral.path("alternativeTargets")) {
            if (!alternatives.contains(target.asText())) {
                differences.add("legal-aid referral: expected alternative " + target.asText() + ", got " + alternatives);
            }
        }
        containsCodes("legal-aid referral notes", referral.path("notes"), actual.path("notes"), differences);
        lacksCodes("legal-aid referral notes", referral.path("absentNotes"), actual.path("notes"), differences);
        if (referral.hasNonNull("scope") && !referral.path("scope").asText().equals(actual.path("scope").asText())) {
            differences.add("legal-aid referral scope: expected " + referral.path("scope").asText() + ", got "
                    + actual.path("scope").asText(null));
        }
        if (referral.has("urgent") && referral.path("urgent").asBoolean() != actual.path("urgent").asBoolean()) {
            differences.add("legal-aid referral urgent: expected " + referral.path("urgent") + ", got " + actual.path("urgent"));
        }
        for (JsonNode reason : referral.path("urgencyReasons")) {
            if (!actual.path("urgencyReasons").toString().contains("\"" + reason.asText() + "\"")) {
                differences.add("legal-aid referral: expected urgency reason " + reason.asText());
            }
        }
        return differences;
    }

    /** A criterion row of the decision with the rule ID, status and tag asked for, and a citation containing the text. */
    private static boolean matches(JsonNode expected, JsonNode criterion) {
        for (String field : List.of("ruleId", "status", "verificationTag")) {
            if (expected.has(field) && !expected.path(field).asText().equals(criterion.path(field).asText())) {
                return false;
            }
        }
        return !expected.has("citation") || criterion.path("citation").asText().contains(expected.path("citation").asText());
    }

    private static String fallbackExplanation() {
        try (var in = ScenarioExpectations.class.getResourceAsStream("/rules/messages/messages_en.properties")) {
            var messages = new java.util.Properties();
            messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            String text = messages.getProperty("la-01.fallback");
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("rules/messages/messages_en.properties has no la-01.fallback");
            }
            return new java.text.MessageFormat(text, java.util.Locale.ENGLISH).format(new Object[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every expected code appears among the actual items' codes. */
    private static void containsCodes(String what, JsonNode expectedCodes, JsonNode actualItems,
                                      List<String> differences) {
        List<String> actual = actualItems == null ? List.of() : actualItems.findValuesAsText("code");
        for (JsonNode code : expectedCodes) {
            if (!actual.contains(code.asText())) {
                differences.add(what + ": expected " + code.asText() + ", got " + actual);
            }
        }
    }

    /** No expected-absent code appears among the actual items' codes. */
    private static void lacksCodes(String what, JsonNode absentCodes, JsonNode actualItems, List<String> differences) {
        List<String> actual = actualItems == null ? List.of() : actualItems.findValuesAsText("code");
        for (JsonNode code : absentCodes) {
            if (actual.contains(code.asText())) {
                differences.add(what + ": expected no " + code.asText() + ", got " + actual);
            }
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        for (String name : names(node)) {
            if (!known.contains(name)) {
                problems.add(prefix + name);
            }
        }
    }

    private static void unknownValues(List<String> values, Set<String> known, String prefix, List<String> problems) {
        for (String value : values) {
            if (!known.contains(value)) {
                problems.add(prefix + value);
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    private static String explain(JsonNode result) {
        StringBuilder why = new StringBuilder(" because:");
        for (JsonNode c : result.path("criteria")) {
            if (c.path("decisive").asBoolean()) {
                why.append("\n      ").append(c.path("ruleId").asText()).append(' ')
                        .append(c.path("status").asText()).append(": ")
                        .append(c.path("explanation").path("en").asText());
            }
        }
        return why.toString();
    }
}
