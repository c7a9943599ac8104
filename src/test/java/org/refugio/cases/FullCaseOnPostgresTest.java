package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;
import org.refugio.security.Role;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;

/**
 * A whole case over HTTP on PostgreSQL, as the README walks through it: open it from facts, see it routed, claim and
 * complete the caseworker's review, let the referral go out, post the provider's acceptance and see the case closed
 * as referred. .ci/run always names a PostgreSQL database, so CI never skips this.
 */
class FullCaseOnPostgresTest extends CaseTest {

    @Test
    void aCaseGoesFromFactsToAnAcceptedReferralOnPostgres() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "needs PostgreSQL (REFUGIO_TEST_DB_URL or Docker)");
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        String provider = provider("El Paso Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true,
                true, 3);

        Response opened = openCase(scenarioFacts("public/01-juan-debt-bondage-farm-labor.json"), "es");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("id").asText();
        assertThat(opened.header("Location")).isEqualTo("/api/v1/cases/" + caseId);
        assertThat(opened.json().path("status").asText()).isEqualTo("REFERRAL_PENDING");
        assertThat(referral(opened.json(), 1).path("providerId").asText()).isEqualTo(provider);

        JsonNode review = get("/api/v1/tasks?candidateGroup=caseworker&kind=REVIEW_REFERRAL&caseId=" + caseId).json()
                .get(0);
        Response claimed = post("/api/v1/tasks/" + review.path("id").asText() + "/claim", "",
                "Authorization", AS_CASEWORKER);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().path("assignee").asText()).isEqualTo(CASEWORKER);
        String someoneElse = TestTokens.bearer("someone.else", Role.CASEWORKER);
        Response stolen = post("/api/v1/tasks/" + review.path("id").asText() + "/claim", "",
                "Authorization", someoneElse);
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(complete(review.path("id").asText(), decision("CONFIRM"), someoneElse).status()).isEqualTo(409);

        Response confirmed = complete(review.path("id").asText(), decision("CONFIRM"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode sent = awaitSent(caseId, 1);
        String referralId = referral(sent, 1).path("id").asText();
        assertThat(jdbc.queryForObject("select count(*) from referral_delivery where referral_id = cast(? as uuid)",
                Integer.class, referralId)).isEqualTo(1);

        Response accepted = answer(caseId, referralId, "ACCEPTED", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        JsonNode closed = get("/api/v1/cases/" + caseId, "Accept-Language", "es").json();
        assertThat(closed.path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
        assertThat(referral(closed, 1).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(referral(closed, 1).path("reasons").get(0).path("explanation").path("text").asText())
                .isEqualTo(referral(closed, 1).path("reasons").get(0).path("explanation").path("es").asText());
        assertThat(jdbc.queryForObject("select status from legal_aid_case where id = cast(? as uuid)", String.class,
                caseId)).isEqualTo("REFERRAL_ACCEPTED");
        assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where business_key_ = ?", Integer.class,
                caseId)).isZero();
        assertThat(get("/api/v1/providers/" + provider).json().path("openReferrals").asInt()).isZero();
    }

    /**
     * Issue 10, third case (K-23, K-24(3)): a woman removed to Mexico, with a U petition she can file from abroad, is
     * LSC-eligible; her case goes to a U.S. LSC recipient, never only to the Mexican provider, which stays next in line.
     */
    @Test
    void aWomanRemovedToMexicoWithAUPetitionIsReferredToAUsLscRecipient() {
        String mexican = provider("Red Fronteriza", "MEXICAN", false, List.of("MX"), List.of("es"), true, true, 50);
        provider("Texas LSC recipient", "LSC", false, List.of("US-TX"), List.of("es"), true, true, 50);

        JsonNode opened = openedCase(scenarioFacts("refugio/107-teresa-removed-to-mexico-u-petition.json"), "es");

        assertThat(opened.path("status").asText()).isEqualTo("REFERRAL_PENDING");
        JsonNode first = referral(opened, 1);
        assertThat(first.path("target").asText()).as(first.toString()).isEqualTo("LSC_RECIPIENT");
        assertThat(first.path("providerId").asText()).isNotEqualTo(mexican);
    }

    @Test
    void requestsThatBreakTheContractAreProblemsAndChangeNothing() {
        long cases = count("legal_aid_case");

        Response both = post("/api/v1/cases", JSON.createObjectNode()
                .put("screeningId", "00000000-0000-0000-0000-000000000000").set("facts", JSON.createObjectNode()));
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().path("errors").findValuesAsText("pointer")).contains("/facts", "/screeningId");

        ObjectNode unknownProperty = JSON.createObjectNode().put("priority", "high");
        unknownProperty.set("facts", JSON.createObjectNode());
        Response strict = post("/api/v1/cases", unknownProperty);
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/priority");

        ObjectNode badFacts = JSON.createObjectNode();
        badFacts.putObject("facts").putObject("person").put("ageEstimate", -3);
        Response invalid = post("/api/v1/cases", badFacts);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/facts/person/ageEstimate");

        ObjectNode badLanguage = JSON.createObjectNode();
        badLanguage.putArray("clientLanguages").add("Spanish");
        Response language = post("/api/v1/cases", badLanguage);
        assertThat(language.status()).isEqualTo(422);
        assertThat(language.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/clientLanguages/0");

        Response unknownScreening = post("/api/v1/cases", JSON.createObjectNode()
                .put("screeningId", "00000000-0000-0000-0000-000000000000"));
        assertThat(unknownScreening.status()).isEqualTo(404);
        assertThat(unknownScreening.header("Content-Type")).startsWith("application/problem+json");
        assertThat(count("legal_aid_case")).isEqualTo(cases);

        assertThat(get("/api/v1/cases/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(get("/api/v1/cases/not-a-uuid").status()).isEqualTo(400);
        assertThat(get("/api/v1/tasks/no-such-task").status()).isEqualTo(404);
    }

    @Test
    void aProviderCanAnswerOnlyAReferralThatWasSentToIt() {
        provider("Frontera Defenders", "NON_LSC", false, List.of("US-TX"), List.of("es"), true, true, 3);
        JsonNode opened = openedCase(scenarioFacts("public/12-jorge-eviction-no-victimization.json"));
        String caseId = opened.path("id").asText();
        String referralId = referral(opened, 1).path("id").asText();

        Response tooEarly = answer(caseId, referralId, "ACCEPTED", null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.json().path("detail").asText()).contains("PROPOSED");

        confirmReview(caseId);
        awaitSent(caseId, 1);
        Response declineWithoutReason = post("/api/v1/cases/" + caseId + "/referrals/" + referralId + "/response",
                JSON.createObjectNode().put("decision", "DECLINED").put("respondedBy", "intake.frontera"));
        assertThat(declineWithoutReason.status()).isEqualTo(422);
        assertThat(declineWithoutReason.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/reasonCode");
        Response otherCase = answer("00000000-0000-0000-0000-000000000000", referralId, "ACCEPTED", null);
        assertThat(otherCase.status()).isEqualTo(404);
        assertThat(readCase(caseId).path("referrals").get(0).path("status").asText()).isEqualTo("SENT");
    }
}
