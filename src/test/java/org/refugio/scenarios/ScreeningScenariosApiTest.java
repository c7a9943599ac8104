package org.refugio.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.refugio.support.ApiTest;

/**
 * Every scenario file through the REST API, as an intake system would send it: the facts are the request
 * body, the expected statuses come from the file, and the stored decision reads back unchanged.
 */
class ScreeningScenariosApiTest extends ApiTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioThroughTheApi() {
        return Scenario.all().stream().map(s -> DynamicTest.dynamicTest(s.displayName(), () -> {
            Response created = post("/api/v1/screenings", s.facts());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode decision = created.json();
            assertThat(ScenarioExpectations.differences(s.expected(), decision)).as(s.displayName()).isEmpty();

            Response stored = get(created.header("Location"));
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.json().path("programs")).isEqualTo(decision.path("programs"));
            assertThat(stored.json().path("ruleset")).isEqualTo(decision.path("ruleset"));
        }));
    }
}
