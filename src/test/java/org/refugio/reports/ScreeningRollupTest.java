package org.refugio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What one stored decision adds to the reports' read model: codes only, decisive criteria of held-back results. */
class ScreeningRollupTest {

    @Test
    void aDecisionCountsItsMonthProgramsAndTheDecisiveCriteriaOfT1UAndLscHeldBack() throws Exception {
        JsonNode decision = new ObjectMapper().readTree("""
                {"programs": [
                  {"program": "T1_PRINCIPAL", "status": "NOT_ELIGIBLE", "criteria": [
                    {"criterion": "T1-02", "ruleId": "T1-02(b)", "status": "NOT_ELIGIBLE", "decisive": true},
                    {"criterion": "T1-06", "ruleId": "T1-06(c)", "status": "NEEDS_MORE_INFORMATION", "decisive": false}]},
                  {"program": "U_VISA", "status": "NEEDS_MORE_INFORMATION", "criteria": [
                    {"ruleId": "U-03(a)", "status": "NEEDS_MORE_INFORMATION", "decisive": true}]},
                  {"program": "LSC_LEGAL_AID", "status": "ELIGIBLE", "criteria": [
                    {"criterion": "LSC-A-01", "status": "ELIGIBLE", "decisive": true}]},
                  {"program": "VOCA_SERVICES", "status": "NOT_ELIGIBLE", "criteria": [
                    {"criterion": "VOCA-01", "status": "NOT_ELIGIBLE", "decisive": true}]},
                  {"program": "T1_PRINCIPAL; drop table x", "status": "ELIGIBLE"}
                ]}""");
        var keys = ScreeningRollup.keys(Instant.parse("2026-11-30T23:30:00Z"), decision, "es");
        assertThat(keys).extracting(k -> k.dimension() + " " + k.month() + " " + k.item()).containsExactlyInAnyOrder(
                "SCREENINGS 2026-11 ALL",
                "LANGUAGE 2026-11 es",
                "PROGRAM_STATUS 2026-11 T1_PRINCIPAL:NOT_ELIGIBLE",
                "PROGRAM_STATUS 2026-11 U_VISA:NEEDS_MORE_INFORMATION",
                "PROGRAM_STATUS 2026-11 LSC_LEGAL_AID:ELIGIBLE",
                "PROGRAM_STATUS 2026-11 VOCA_SERVICES:NOT_ELIGIBLE",
                "BARRIER 2026-11 T1_PRINCIPAL:T1-02:NOT_ELIGIBLE",
                "BARRIER 2026-11 U_VISA:U-03:NEEDS_MORE_INFORMATION");
    }

    @Test
    void aDecisionBeingStoredCountsExactlyAsTheSameDecisionReadFromStorage() throws Exception {
        String stored = """
                {"programs": [
                  {"program": "T1_PRINCIPAL", "status": "NOT_ELIGIBLE", "criteria": [
                    {"criterion": "T1-02", "ruleId": "T1-02(b)", "status": "NOT_ELIGIBLE", "decisive": true},
                    {"criterion": "T1-06", "ruleId": "T1-06(c)", "status": "NEEDS_MORE_INFORMATION", "decisive": false}]},
                  {"program": "U_VISA", "status": "NEEDS_MORE_INFORMATION", "criteria": [
                    {"ruleId": "U-03(a)", "status": "NEEDS_MORE_INFORMATION", "decisive": true},
                    {"ruleId": "U-04", "status": "NEEDS_MORE_INFORMATION"}]},
                  {"program": "LSC_LEGAL_AID", "status": "NEEDS_MORE_INFORMATION", "criteria": [
                    {"criterion": "LSC-A-01", "ruleId": "LSC-A-01(a)", "status": "NEEDS_MORE_INFORMATION", "decisive": true}]},
                  {"program": "VOCA_SERVICES", "status": "ELIGIBLE"}
                ]}""";
        ObjectMapper json = new ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        org.refugio.api.model.ScreeningDecision beingStored =
                json.readValue(stored, org.refugio.api.model.ScreeningDecision.class);
        Instant at = Instant.parse("2026-12-07T12:00:00Z");

        var fromStorage = ScreeningRollup.keys(at, json.readTree(stored), "en");
        assertThat(ScreeningRollup.keys(at, ScreeningRollup.Outcome.of(beingStored), "en"))
                .hasSize(9).containsExactlyElementsOf(fromStorage);
    }

    @Test
    void theMonthIsUtc() throws Exception {
        JsonNode decision = new ObjectMapper().readTree("{\"programs\": []}");
        assertThat(ScreeningRollup.keys(Instant.parse("2026-12-01T00:10:00Z"), decision, "unknown"))
                .extracting(ScreeningRollup.Key::month).containsOnly("2026-12");
    }
}
