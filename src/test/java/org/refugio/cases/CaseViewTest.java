package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;

/**
 * {@code view=summary} on opening and reading a case (issue 14): the same case without its embedded decision, which
 * an intake system reads by {@code screeningRef} when it needs the explanations. The full view stays the default.
 */
class CaseViewTest extends CaseTest {

    private static final String JUAN = "public/01-juan-debt-bondage-farm-labor.json";

    @Test
    void aCaseOpenedWithTheSummaryViewLeavesOutOnlyTheEmbeddedDecision() {
        provider("Summary Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true, true, 5);
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts(JUAN));
        body.putArray("clientLanguages").add("es");

        Response opened = post("/api/v1/cases?view=summary", body, "Authorization", AS_CASEWORKER);

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode compact = opened.json();
        assertThat(compact.has("screening")).isFalse();
        String caseId = compact.path("id").asText();
        JsonNode full = readCase(caseId);
        assertThat(full.path("screening").path("id").asText()).as("the default still embeds the decision")
                .isEqualTo(compact.path("screeningRef").path("id").asText());

        ObjectNode withoutDecision = full.deepCopy();
        withoutDecision.remove("screening");
        assertThat(compact).as("everything else is the same case").isEqualTo(withoutDecision);
        assertThat(programStatuses(compact.path("screeningRef"))).isNotEmpty()
                .isEqualTo(programStatuses(full.path("screening")));
        assertThat(get(compact.path("screeningRef").path("href").asText()).json().path("id").asText())
                .isEqualTo(compact.path("screeningRef").path("id").asText());
    }

    @Test
    void readingACaseWithTheSummaryViewIsSmallerAndTaggedApart() {
        provider("Summary Read Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true, true, 5);
        String caseId = openedCase(scenarioFacts(JUAN), "es").path("id").asText();

        Response full = get("/api/v1/cases/" + caseId);
        Response compact = get("/api/v1/cases/" + caseId + "?view=summary");
        Response explicitFull = get("/api/v1/cases/" + caseId + "?view=full");

        assertThat(compact.status()).isEqualTo(200);
        assertThat(compact.json().has("screening")).isFalse();
        assertThat(compact.json().path("screeningRef").path("id").asText())
                .isEqualTo(full.json().path("screening").path("id").asText());
        assertThat(compact.body().length()).isLessThan(full.body().length() / 4);
        assertThat(explicitFull.json()).isEqualTo(full.json());
        assertThat(compact.header("ETag")).as("a cached full answer never stands for the summary")
                .isNotEqualTo(full.header("ETag"));
    }

    @Test
    void anUnknownViewIsRefusedNamingTheParameterAndOpensNoCase() {
        provider("Refused View Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true, true, 5);
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts(JUAN));

        Response refused = post("/api/v1/cases?view=compact", body, "Authorization", AS_CASEWORKER);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").findValuesAsText("pointer")).containsExactly("view");
        assertThat(events).as("no case screened or routed").isEmpty();
    }

    private static List<String> programStatuses(JsonNode screening) {
        List<String> statuses = new java.util.ArrayList<>();
        screening.path("programs").forEach(p -> statuses.add(p.path("program").asText() + "=" + p.path("status").asText()));
        return statuses;
    }
}
