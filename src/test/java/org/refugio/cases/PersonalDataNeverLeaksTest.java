package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 5, G-06: a whole case with a named person, a narrative and consent to share them, from opening to an
 * accepted referral; then the log output, the workflow's process variables, the audit log, the stored decision,
 * the case tables and the metrics are searched for the person's name and narrative words: zero hits.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataNeverLeaksTest extends CaseTest {

    static final List<String> SECRETS = List.of("Yaretzi", "Quetzalli", "Ocotlan", "marigold", "Tlaxiaco", "1979-03-14",
            "A987654321", "+1 520 555 0142");

    @Autowired
    HistoryService history;

    @Test
    void aWholeCaseLeavesThePersonsNameAndStoryNowhereButTheVault(CapturedOutput output) {
        provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 5);
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/06-marta-unknown-facts.json"));
        ObjectNode identity = body.putObject("identity").put("name", "Yaretzi Quetzalli Ocotlan")
                .put("dateOfBirth", "1979-03-14").put("phone", "+1 520 555 0142")
                .put("narrative", "The marigold truck left Tlaxiaco at dawn and did not stop until Juarez.");
        identity.putArray("identityNumbers").addObject().put("type", "A_NUMBER").put("number", "A987654321");
        body.putArray("clientLanguages").add("es");
        String caseId = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER).json().path("id").asText();
        LocalDate today = LocalDate.now(clock);
        assertThat(post("/api/v1/cases/" + caseId + "/consents", JSON.createObjectNode()
                .put("scope", "SHARE_IDENTITY_WITH_PROVIDER").put("givenBy", "CLIENT")
                .put("signedOn", today.toString()).put("expiresOn", today.plusMonths(6).toString()),
                "Authorization", AS_CASEWORKER).status()).isEqualTo(201);
        assertThat(get("/api/v1/cases/" + caseId + "/identity", "Authorization", AS_CASEWORKER).body())
                .contains("Yaretzi");
        confirmReview(caseId);
        String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();
        assertThat(answer(caseId, referralId, "ACCEPTED", null).status()).isEqualTo(200);
        assertThat(readCase(caseId).path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");

        // Only what the process branches on: the routing facts (detention, region, languages, minor...) stay on the case.
        String processInstanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting(v -> v.getName()).containsOnly("caseId", "needsMoreInformation", "providerFound",
                        "referralId", "providerId", "reviewDueAt", "deliveryDueAt", "responseDueAt", "providerAccepted");

        List<String> places = new ArrayList<>();
        places.add("log output:\n" + output.getAll());
        history.createHistoricVariableInstanceQuery().list()
                .forEach(v -> places.add("process variable " + v.getName() + " = " + v.getValue()));
        places.add("audit log: " + jdbc.queryForList("select * from audit_log"));
        places.add("audit entries pending: " + jdbc.queryForList("select * from audit_pending"));
        places.add("case: " + jdbc.queryForList("select * from legal_aid_case where id = cast(? as uuid)", caseId));
        places.add("referrals: " + jdbc.queryForList("select * from referral where case_id = cast(? as uuid)", caseId));
        places.add("decisions: " + jdbc.queryForList("select d.* from screening_decision d join case_screening s"
                + " on s.screening_id = d.id where s.case_id = cast(? as uuid)", caseId));
        places.add("metrics: " + get("/actuator/prometheus", "Authorization", TestTokens.bearer("ops", Role.ADMIN)).body());
        places.add("vault at rest: " + jdbc.queryForList("select * from person_identity"));
        places.add("deliveries at rest: " + jdbc.queryForList("select * from referral_channel_delivery"));

        for (String place : places) {
            for (String secret : SECRETS) {
                assertThat(place).as("personal data '%s' in %s", secret,
                        place.substring(0, Math.min(60, place.length()))).doesNotContain(secret);
            }
        }
        assertThat(places).hasSizeGreaterThan(8);
    }
}
