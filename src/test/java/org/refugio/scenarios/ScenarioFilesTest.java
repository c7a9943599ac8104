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
    void anUnknownTopLevelKeyIsAnError() throws Exception {
        var node = JSON.readTree("""
                {"id": 999, "title": "t", "facts": {}, "expected": {}, "expect": {}}""");
        assertThatThrownBy(() -> Scenario.of("x.json", node)).hasMessageContaining("expect");
    }
}
