package org.refugio.scenarios;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a screening decision (as JSON) with a scenario's expectations and lists every difference, so one
 * failing scenario shows all its wrong cells at once.
 */
public final class ScenarioExpectations {

    private ScenarioExpectations() {
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
        for (JsonNode task : expected.path("tasks")) {
            if (!decision.path("tasks").findValuesAsText("code").contains(task.asText())) {
                differences.add("expected task " + task.asText() + ", got " + decision.path("tasks").findValuesAsText("code"));
            }
        }
        JsonNode referral = expected.path("legalAidReferral");
        JsonNode actual = decision.path("legalAidReferral");
        if (!actual.path("referred").asBoolean(false)) {
            differences.add("legal-aid referral: not referred (LA-01 says every case is)");
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
