package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;

/**
 * Issue 12, item 1: a provider organisation's user sees only the referrals sent to its organisation, and its answer
 * moves the case exactly as the caseworker's recording of it does, with the provider user as the actor.
 */
class ProviderPortalTest extends CaseTest {

    String first;
    String second;

    @BeforeEach
    void twoProviders() {
        first = provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 5);
        second = provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es"), false, false, 5);
    }

    /** Opens a case, confirms its proposed referral and waits until it is sent; answers [caseId, referralId, providerId]. */
    String[] sentCase() {
        String caseId = openedCase(scenarioFacts("public/06-marta-unknown-facts.json"), "es").path("id").asText();
        confirmReview(caseId);
        JsonNode referral = referral(awaitSent(caseId, 1), 1);
        return new String[] {caseId, referral.path("id").asText(), referral.path("providerId").asText()};
    }

    List<String> inbox(String authorization) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/api/v1/provider/referrals?size=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    "Authorization", authorization);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
            cursor = page.json().path("nextCursor").isMissingNode() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    @Test
    void aProviderSeesOnlyItsOwnReferralsAndItsAcceptanceClosesTheCase() {
        String[] one = sentCase();
        String[] two = sentCase();
        String ownProvider = one[2];
        String otherProvider = ownProvider.equals(first) ? second : first;
        String asOwn = TestTokens.provider("ana.intake@frontera", ownProvider);
        String asOther = TestTokens.provider("bo.intake@border", otherProvider);

        List<String> seen = inbox(asOwn);
        assertThat(seen).contains(one[1]);
        List<String> seenByOther = inbox(asOther);
        assertThat(seenByOther).doesNotContain(one[1]);
        // Every referral a provider sees was sent to it, whichever provider the second case went to.
        assertThat(seen.contains(two[1])).isEqualTo(two[2].equals(ownProvider));
        assertThat(seenByOther.contains(two[1])).isEqualTo(two[2].equals(otherProvider));

        // New until someone of the organisation opens it (opened=false), then among the opened ones.
        assertThat(get("/api/v1/provider/referrals?status=SENT&opened=false&size=100", "Authorization", asOwn).json()
                .path("items").findValuesAsText("id")).contains(one[1]);
        JsonNode read = get("/api/v1/provider/referrals/" + one[1], "Authorization", asOwn).json();
        assertThat(read.path("openedAt").asText()).isNotBlank();
        assertThat(read.path("programs").size()).as("the programs of the screening").isPositive();
        assertThat(read.path("programs").get(0).has("deadlines")).isTrue();
        assertThat(get("/api/v1/provider/referrals?status=SENT&opened=false&size=100", "Authorization", asOwn).json()
                .path("items").findValuesAsText("id")).doesNotContain(one[1]);
        assertThat(get("/api/v1/provider/referrals?opened=true&size=100", "Authorization", asOwn).json()
                .path("items").findValuesAsText("id")).contains(one[1]);
        assertThat(read.path("caseId").asText()).isEqualTo(one[0]);
        assertThat(read.path("status").asText()).isEqualTo("SENT");
        assertThat(read.path("responseDueAt").asText()).isNotBlank();
        assertThat(read.path("languages").get(0).asText()).isEqualTo("es");
        assertThat(read.has("identity")).isFalse();

        // Another provider's user cannot read or answer it: for it the referral does not exist.
        assertThat(get("/api/v1/provider/referrals/" + one[1], "Authorization", asOther).status()).isEqualTo(404);
        assertThat(post("/api/v1/provider/referrals/" + one[1] + "/response",
                JSON.createObjectNode().put("decision", "ACCEPTED"), "Authorization", asOther).status()).isEqualTo(404);
        // A provider user whose token names no organisation sees nothing.
        assertThat(get("/api/v1/provider/referrals", "Authorization",
                TestTokens.bearer("nobody", org.refugio.security.Role.PROVIDER)).status()).isEqualTo(403);
        // Nor do caseworkers call the provider contract.
        assertThat(get("/api/v1/provider/referrals", "Authorization", AS_CASEWORKER).status()).isEqualTo(403);

        Response accepted = post("/api/v1/provider/referrals/" + one[1] + "/response",
                JSON.createObjectNode().put("decision", "ACCEPTED"), "Authorization", asOwn);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("respondedBy").asText()).isEqualTo("ana.intake@frontera");

        JsonNode closed = awaitCase(one[0], c -> c.path("status").asText().equals("REFERRAL_ACCEPTED"));
        assertThat(closed.path("closure").path("recordedBy").asText()).isEqualTo("ana.intake@frontera");
        assertThat(referral(closed, 1).path("respondedBy").asText()).isEqualTo("ana.intake@frontera");
        assertThat(actions(one[0])).contains("PROVIDER_RESPONDED:ACCEPTED");
        synchronized (events) {
            assertThat(events.stream().filter(e -> e.caseId().toString().equals(one[0])
                    && e.action().equals("PROVIDER_RESPONDED")).map(e -> e.actor()).toList())
                    .containsExactly("ana.intake@frontera");
        }

        // Answered once; a second answer is a conflict, and the answered referral stays in the inbox, answered.
        assertThat(post("/api/v1/provider/referrals/" + one[1] + "/response",
                JSON.createObjectNode().put("decision", "DECLINED").put("reasonCode", "NO_CAPACITY"), "Authorization",
                asOwn).status()).isEqualTo(409);
        assertThat(get("/api/v1/provider/referrals?status=ACCEPTED", "Authorization", asOwn).json().path("items")
                .findValuesAsText("id")).contains(one[1]);
    }

    @Test
    void aDeclineNeedsAReasonCodeAndMovesTheCaseToTheNextProvider() {
        String[] sent = sentCase();
        String asOwn = TestTokens.provider("ana.intake@frontera", sent[2]);

        Response noReason = post("/api/v1/provider/referrals/" + sent[1] + "/response",
                JSON.createObjectNode().put("decision", "DECLINED"), "Authorization", asOwn);
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);

        Response declined = post("/api/v1/provider/referrals/" + sent[1] + "/response",
                JSON.createObjectNode().put("decision", "DECLINED").put("reasonCode", "NO_CAPACITY"), "Authorization",
                asOwn);
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        JsonNode moved = awaitCase(sent[0], c -> c.path("referrals").size() == 2);
        assertThat(referral(moved, 1).path("status").asText()).isEqualTo("DECLINED");
        assertThat(referral(moved, 2).path("providerId").asText()).isNotEqualTo(sent[2]);
        assertThat(moved.path("status").asText()).isEqualTo("REFERRAL_PENDING");
    }
}
