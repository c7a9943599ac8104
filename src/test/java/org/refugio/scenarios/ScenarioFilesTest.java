package org.refugio.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The scenario suite cannot pass by leaving a file out or by ignoring what a file expects. */
class ScenarioFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyScenarioFileInTheSourceTreeLoads() {
        List<Scenario> loaded = Scenario.all();
        Set<String> onDisk = Scenario.filesInSourceTree().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        assertThat(onDisk).hasSizeGreaterThan(Scenario.PUBLIC_SCENARIOS);
        assertThat(loaded).extracting(Scenario::file).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(loaded.stream().filter(s -> s.id() <= Scenario.PUBLIC_SCENARIOS)).hasSize(Scenario.PUBLIC_SCENARIOS);
        assertThat(loaded).extracting(Scenario::id).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownKeyInAnExpectationIsAnError() throws Exception {
        var expected = JSON.readTree("""
                {"programs": {"T1_PRINCIPAL": "ELIGIBLE"}, "legalAidReferral": {"referred": true, "target": "LSC_RECIPIENT"}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", expected))
                .hasMessageContaining("legalAidReferral.target");
        var misspelled = JSON.readTree("""
                {"program": {"T1_PRINCIPAL": "ELIGIBLE"}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", misspelled)).hasMessageContaining("program");
        var unknownProgram = JSON.readTree("""
                {"programs": {"T1": "ELIGIBLE"}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", unknownProgram)).hasMessageContaining("T1");
        var unknownStatus = JSON.readTree("""
                {"programs": {"T1_PRINCIPAL": "YES"}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", unknownStatus)).hasMessageContaining("YES");
    }

    @Test
    void anUnknownKeyDeeperInAnExpectationIsAnErrorToo() throws Exception {
        var derivative = JSON.readTree("""
                {"derivatives": {"m1": {"class": "T3_CHILD", "status": "ELIGIBLE", "deadline": []}}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", derivative))
                .hasMessageContaining("derivatives.m1.deadline");
        var target = JSON.readTree("""
                {"legalAidReferral": {"targets": ["LSC"]}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", target)).hasMessageContaining("LSC");
        var fallback = JSON.readTree("""
                {"legalAidReferral": {"fallbackExpected": "yes"}}""");
        assertThatThrownBy(() -> ScenarioExpectations.checkShape("x.json", fallback))
                .hasMessageContaining("fallbackExpected");
    }

    @Test
    void aTargetTheLa01FallbackChoseSatisfiesOnlyAScenarioThatSaysSo() throws Exception {
        var byFallback = JSON.createObjectNode();
        byFallback.putObject("legalAidReferral").put("referred", true).put("target", "NON_LSC_PROVIDER")
                .putObject("explanation").put("en", ScenarioExpectations.FALLBACK_EXPLANATION);
        var byLa02 = JSON.createObjectNode();
        byLa02.putObject("legalAidReferral").put("referred", true).put("target", "NON_LSC_PROVIDER")
                .putObject("explanation").put("en", "A provider that takes no LSC money (LA-02).");
        var expects = JSON.readTree("""
                {"legalAidReferral": {"targets": ["NON_LSC_PROVIDER"]}}""");
        var expectsFallback = JSON.readTree("""
                {"legalAidReferral": {"targets": ["NON_LSC_PROVIDER"], "fallbackExpected": true}}""");

        assertThat(ScenarioExpectations.differences(expects, byLa02)).isEmpty();
        assertThat(ScenarioExpectations.differences(expects, byFallback)).singleElement().asString()
                .contains("LA-01 fallback");
        assertThat(ScenarioExpectations.differences(expectsFallback, byFallback)).isEmpty();
        assertThat(ScenarioExpectations.differences(expectsFallback, byLa02)).singleElement().asString()
                .contains("expected the LA-01 fallback");
    }

    @Test
    void aGoldenDifferenceNamesWhereAndWhat() throws Exception {
        var golden = JSON.readTree("""
                {"programs": [{"program": "T1_PRINCIPAL", "status": "ELIGIBLE", "criteria": [{"ruleId": "T1-01"}]}]}""");
        var now = JSON.readTree("""
                {"programs": [{"program": "T1_PRINCIPAL", "status": "NOT_ELIGIBLE", "criteria": []}], "tasks": []}""");
        List<String> differences = new java.util.ArrayList<>();
        GoldenDecisions.diff("", golden, now, differences);
        assertThat(differences).containsExactly(
                "/programs/0/criteria/0: removed (was {\"ruleId\":\"T1-01\"})",
                "/programs/0/status: \"ELIGIBLE\" → \"NOT_ELIGIBLE\"",
                "/tasks: added []");
        var decision = JSON.readTree("""
                {"id": "x", "decidedAt": "t", "ruleset": {"sha256": "h"}, "asOfDate": "2026-11-26"}""");
        assertThat(GoldenDecisions.normalized(decision)).isEqualTo(JSON.readTree("""
                {"asOfDate": "2026-11-26"}"""));
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() throws Exception {
        var node = JSON.readTree("""
                {"id": 999, "title": "t", "facts": {}, "expected": {}, "expect": {}}""");
        assertThatThrownBy(() -> Scenario.of("x.json", node)).hasMessageContaining("expect");
    }
}
