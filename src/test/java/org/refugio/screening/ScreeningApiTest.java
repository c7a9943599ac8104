package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.eligibility.Program;
import org.refugio.support.ApiTest;

class ScreeningApiTest extends ApiTest {

    @Test
    void aScreeningWithNoFactsAtAllRulesNobodyOutAndStillRefers() {
        Response response = post("/api/v1/screenings", "{}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode decision = response.json();
        List<String> programs = new ArrayList<>();
        for (JsonNode p : decision.path("programs")) {
            programs.add(p.path("program").asText());
            assertThat(p.path("status").asText()).as(p.path("program").asText()).isNotEqualTo("NOT_ELIGIBLE");
            if (p.path("status").asText().equals("NEEDS_MORE_INFORMATION")) {
                assertThat(p.path("followUps").size()).as("follow-ups of " + p.path("program").asText()).isPositive();
            }
        }
        assertThat(programs).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Program.values()).map(Enum::name).toArray(String[]::new));
        assertThat(decision.path("legalAidReferral").path("referred").asBoolean()).isTrue();
        assertThat(decision.path("legalAidReferral").path("target").asText()).isNotBlank();
    }

    @Test
    void everyCriterionNamesItsRuleCitationTagAndBothLanguages() {
        JsonNode decision = post("/api/v1/screenings", "{}").json();

        assertThat(decision.path("ruleset").path("sha256").asText()).matches("[0-9a-f]{64}");
        for (JsonNode program : decision.path("programs")) {
            assertThat(program.path("criteria").size()).isPositive();
            for (JsonNode c : program.path("criteria")) {
                assertThat(c.path("ruleId").asText()).isNotBlank();
                assertThat(c.path("citation").asText()).isNotBlank();
                assertThat(c.path("verificationTag").asText()).isIn("V", "S", "U");
                assertThat(c.path("explanation").path("en").asText()).isNotBlank();
                assertThat(c.path("explanation").path("es").asText()).isNotBlank()
                        .isNotEqualTo(c.path("explanation").path("en").asText());
            }
        }
    }

    @Test
    void acceptLanguageChoosesTheTextButTheDecisionKeepsBothLanguages() {
        Response spanish = post("/api/v1/screenings", "{}", "Accept-Language", "es-MX,es;q=0.9");
        JsonNode criterion = spanish.json().path("programs").get(0).path("criteria").get(0).path("explanation");

        assertThat(spanish.header("Content-Language")).isEqualTo("es");
        assertThat(criterion.path("text").asText()).isEqualTo(criterion.path("es").asText());
        assertThat(criterion.path("en").asText()).isNotBlank();

        Response english = get(spanish.header("Location"), "Accept-Language", "en");
        JsonNode same = english.json().path("programs").get(0).path("criteria").get(0).path("explanation");
        assertThat(same.path("text").asText()).isEqualTo(criterion.path("en").asText());
    }

    @Test
    void theDecisionIsStoredWithItsFactsAndTheRulesetThatMadeIt() {
        Response response = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":30}}");
        String id = response.json().path("id").asText();

        var row = jdbc.queryForMap("select ruleset_version, ruleset_sha256, facts, as_of_date from screening_decision"
                + " where id = cast(? as uuid)", id);
        assertThat(row.get("ruleset_sha256")).isEqualTo(response.json().path("ruleset").path("sha256").asText());
        assertThat(row.get("facts").toString()).contains("\"ageEstimate\":30").contains("asOfDate");
        assertThat(jdbc.queryForObject("select count(*) from screening_program_outcome where decision_id = cast(? as uuid)",
                Long.class, id)).isEqualTo(Program.values().length);
    }

    @Test
    void anUnknownDecisionIsANotFoundProblem() {
        Response response = get("/api/v1/screenings/00000000-0000-0000-0000-000000000000");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
    }
}
