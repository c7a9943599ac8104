package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.identity.IdentityCipher;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 5: identifying data is sealed apart from the facts, and a referral carries it to a provider only under a
 * written, time-limited consent that covers that provider and has not been withdrawn; otherwise the provider gets
 * the case id and the caseworker's contact.
 */
class IdentityAndConsentTest extends CaseTest {

    static final String NAME = "Yolotzin Citlali Tecuatl";

    @Autowired
    IdentityCipher cipher;

    String first;
    String second;

    @BeforeEach
    void twoProviders() {
        first = provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 5);
        second = provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es"), false, false, 5);
    }

    ObjectNode identity() {
        ObjectNode identity = JSON.createObjectNode().put("name", NAME).put("phone", "+1 915 555 0199")
                .put("dateOfBirth", "1981-02-03").put("narrative", "The foreman kept our passports in a blue safe.");
        identity.putArray("identityNumbers").addObject().put("type", "A_NUMBER").put("number", "A123456789");
        return identity;
    }

    String openWithIdentity() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        body.set("identity", identity());
        body.putArray("clientLanguages").add("es");
        Response opened = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    Response consent(String caseId, String providerId, LocalDate signedOn, LocalDate expiresOn) {
        ObjectNode body = JSON.createObjectNode().put("scope", "SHARE_IDENTITY_WITH_PROVIDER").put("givenBy", "CLIENT")
                .put("signedOn", signedOn.toString()).put("expiresOn", expiresOn.toString())
                .put("documentReference", "file 2026-118");
        if (providerId != null) {
            body.put("providerId", providerId);
        }
        return post("/api/v1/cases/" + caseId + "/consents", body, "Authorization", AS_CASEWORKER);
    }

    /**
     * The referral as its provider reads it over the provider REST contract (issue 12: the outbox table is gone;
     * what goes to the provider is what the provider's own user may read).
     */
    JsonNode outbox(String referralId) throws Exception {
        String providerId = jdbc.queryForObject("select cast(provider_id as varchar) from referral where id = cast(? as uuid)",
                String.class, referralId);
        Response read = get("/api/v1/provider/referrals/" + referralId, "Authorization",
                TestTokens.provider("intake.provider", providerId));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json();
    }

    /** Confirms the proposed referral and waits for it to go out. */
    String sentReferral(String caseId, int attempt) {
        confirmReview(caseId);
        return referral(awaitSent(caseId, attempt), attempt).path("id").asText();
    }

    @Test
    void identityIsSealedAndReadOnlyByCaseworkersWithEveryReadLogged() {
        String caseId = openWithIdentity();

        String stored = jdbc.queryForObject("select ciphertext from person_identity where case_id = cast(? as uuid)",
                String.class, caseId);
        assertThat(stored).doesNotContain("Yolotzin").doesNotContain(Base64.getEncoder().encodeToString(NAME.getBytes()));
        JsonNode read = get("/api/v1/cases/" + caseId + "/identity", "Authorization", AS_CASEWORKER).json();
        assertThat(read.path("name").asText()).isEqualTo(NAME);
        assertThat(read.path("identityNumbers").get(0).path("number").asText()).isEqualTo("A123456789");
        auditorSeals();
        List<Map<String, Object>> records = jdbc.queryForList(
                "select action, actor, detail from audit_log where subject_id = ? and action like 'IDENTITY_%' order by seq",
                caseId);
        assertThat(records).extracting(r -> r.get("action")).containsExactly("IDENTITY_RECORDED", "IDENTITY_READ");
        assertThat(records).extracting(r -> r.get("actor")).containsOnly(CASEWORKER);
        assertThat(records.toString()).doesNotContain("Yolotzin");
    }

    @Test
    void withoutConsentTheProviderGetsOnlyTheCaseIdAndTheCaseworkersContact() throws Exception {
        String caseId = openWithIdentity();
        String referralId = sentReferral(caseId, 1);

        JsonNode notice = outbox(referralId);
        assertThat(notice.has("identity")).isFalse();
        assertThat(notice.path("caseId").asText()).isEqualTo(caseId);
        assertThat(notice.path("referredBy").asText()).isEqualTo(CASEWORKER);
        assertThat(notice.path("organizationContact").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("select shared_identity from referral_delivery where referral_id = cast(? as uuid)",
                Boolean.class, referralId)).isFalse();
    }

    @Test
    void aValidConsentLetsTheIdentityGoWithTheReferral() throws Exception {
        String caseId = openWithIdentity();
        String consentId = consent(caseId, null, today().minusDays(1), today().plusMonths(6)).json()
                .path("id").asText();
        String referralId = sentReferral(caseId, 1);

        JsonNode notice = outbox(referralId);
        assertThat(notice.path("identity").path("name").asText()).isEqualTo(NAME);
        assertThat(notice.path("consentId").asText()).isEqualTo(consentId);
        auditorSeals();
        assertThat(jdbc.queryForObject("select detail from audit_log where subject_id = ? and action = 'REFERRAL_SENT'",
                String.class, caseId)).contains("\"identityShared\":true").doesNotContain("Yolotzin");
    }

    @Test
    void aConsentForAnotherProviderSharesNothingWithThisOne() throws Exception {
        String caseId = openWithIdentity();
        String proposed = readCase(caseId).path("referrals").get(0).path("providerId").asText();
        String other = proposed.equals(first) ? second : first;
        consent(caseId, other, today(), today().plusMonths(1));

        assertThat(outbox(sentReferral(caseId, 1)).has("identity")).isFalse();
    }

    @Test
    void withdrawingConsentStopsFurtherSharing() throws Exception {
        String caseId = openWithIdentity();
        String consentId = consent(caseId, null, today(), today().plusMonths(3)).json().path("id").asText();
        String firstReferral = sentReferral(caseId, 1);
        assertThat(outbox(firstReferral).has("identity")).isTrue();

        Response withdrawn = post("/api/v1/cases/" + caseId + "/consents/" + consentId + "/withdrawal", "",
                "Authorization", AS_CASEWORKER);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(answer(caseId, firstReferral, "DECLINED", "NO_CAPACITY").status()).isEqualTo(200);
        String secondReferral = sentReferral(caseId, 2);

        assertThat(outbox(secondReferral).has("identity")).isFalse();
        assertThat(post("/api/v1/cases/" + caseId + "/consents/" + consentId + "/withdrawal", "",
                "Authorization", AS_CASEWORKER).status()).isEqualTo(409);
    }

    @Test
    void aConsentMustBeSignedAlreadyAndLimitedInTime() {
        String caseId = openWithIdentity();

        Response expired = consent(caseId, null, today().minusYears(2), today().minusYears(1));
        Response notYetSigned = consent(caseId, null, today().plusDays(3), today().plusMonths(1));
        Response endless = post("/api/v1/cases/" + caseId + "/consents", "{\"scope\":\"SHARE_IDENTITY_WITH_PROVIDER\","
                + "\"givenBy\":\"CLIENT\",\"signedOn\":\"" + today() + "\"}", "Authorization", AS_CASEWORKER);

        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.json().path("errors").findValuesAsText("pointer")).contains("/expiresOn");
        assertThat(notYetSigned.status()).isEqualTo(422);
        assertThat(notYetSigned.json().path("errors").findValuesAsText("pointer")).contains("/signedOn");
        assertThat(endless.status()).isEqualTo(422);
        assertThat(get("/api/v1/cases/" + caseId + "/consents", "Authorization", AS_CASEWORKER).json().size()).isZero();
    }
}
