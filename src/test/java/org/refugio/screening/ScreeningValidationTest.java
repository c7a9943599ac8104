package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;

/** Bad input gets a problem naming the field, never a 500 and never a partial write. */
class ScreeningValidationTest extends ApiTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"person\":", 400, ""),
                Arguments.of("wrong type", "{\"person\":{\"ageEstimate\":\"thirty\"}}", 400, "/person/ageEstimate"),
                Arguments.of("float for an integer", "{\"person\":{\"ageEstimate\":30.5}}", 400, "/person/ageEstimate"),
                Arguments.of("string for a boolean", "{\"person\":{\"married\":\"yes\"}}", 400, "/person/married"),
                Arguments.of("unknown enum value", "{\"person\":{\"citizenship\":\"MARTIAN\"}}", 400, "/person/citizenship"),
                Arguments.of("unknown enum value in a list",
                        "{\"victimizations\":[{\"means\":[\"FORCE\",\"MAGIC\"]}]}", 400, "/victimizations/0/means/1"),
                Arguments.of("unknown property", "{\"person\":{\"name\":\"x\"}}", 400, "/person/name"),
                Arguments.of("unknown top-level property", "{\"narrative\":\"x\"}", 400, "/narrative"),
                Arguments.of("duplicate key", "{\"person\":{\"ageEstimate\":3,\"ageEstimate\":4}}", 400, ""),
                Arguments.of("negative age", "{\"person\":{\"ageEstimate\":-1}}", 422, "/person/ageEstimate"),
                Arguments.of("absurd age", "{\"person\":{\"ageEstimate\":130}}", 422, "/person/ageEstimate"),
                Arguments.of("absurd age of a relative",
                        "{\"family\":[{\"id\":\"a\",\"age\":500}]}", 422, "/family/0/age"),
                Arguments.of("relative without id", "{\"family\":[{\"relationship\":\"SPOUSE\"}]}", 422, "/family/0/id"),
                Arguments.of("household of zero", "{\"money\":{\"householdSize\":0}}", 422, "/money/householdSize"),
                Arguments.of("negative income", "{\"money\":{\"annualIncome\":-5}}", 422, "/money/annualIncome"),
                Arguments.of("birth after the screening date",
                        "{\"asOfDate\":\"2026-11-26\",\"person\":{\"dateOfBirth\":\"2027-01-01\"}}", 422, "/person/dateOfBirth"),
                Arguments.of("trafficking after the screening date",
                        "{\"asOfDate\":\"2026-11-26\",\"victimizations\":[{\"startDate\":\"2026-12-01\"}]}", 422,
                        "/victimizations/0/startDate"),
                Arguments.of("end before start",
                        "{\"asOfDate\":\"2026-11-26\",\"victimizations\":[{\"startDate\":\"2026-01-01\",\"endDate\":\"2025-01-01\"}]}",
                        422, "/victimizations/0/endDate"),
                Arguments.of("invalid date", "{\"asOfDate\":\"2026-13-45\"}", 400, "/asOfDate"),
                Arguments.of("screening date before the TVPA", "{\"asOfDate\":\"1999-01-01\"}", 422, "/asOfDate"),
                Arguments.of("relative named twice",
                        "{\"family\":[{\"id\":\"a\"},{\"id\":\"a\"}]}", 422, "/family/1/id"),
                Arguments.of("via a relative who is not listed",
                        "{\"family\":[{\"id\":\"a\",\"viaMemberId\":\"b\"}]}", 422, "/family/0/viaMemberId"),
                Arguments.of("a string too long", "{\"person\":{\"nationality\":\"" + "X".repeat(100) + "\"}}", 422,
                        "/person/nationality"),
                Arguments.of("a country that does not exist (read as abroad it could rule someone out)",
                        "{\"person\":{\"currentLocation\":{\"country\":\"USA\"}}}", 422,
                        "/person/currentLocation/country"),
                Arguments.of("a made-up nationality", "{\"person\":{\"nationality\":\"ZZ\"}}", 422,
                        "/person/nationality"),
                Arguments.of("a place of the acts in no country",
                        "{\"victimizations\":[{\"places\":[{\"country\":\"MX\"},{\"country\":\"Texas\"}]}]}", 422,
                        "/victimizations/0/places/1/country"),
                Arguments.of("a relative in no country",
                        "{\"family\":[{\"id\":\"a\",\"location\":{\"country\":\"??\"}}]}", 422,
                        "/family/0/location/country"),
                Arguments.of("an array for an object", "{\"person\":[]}", 400, "/person"),
                Arguments.of("a null victimization", "{\"victimizations\":[null]}", 400, "/victimizations/0"),
                Arguments.of("a null in a list of codes", "{\"victimizations\":[{\"means\":[null]}]}", 400,
                        "/victimizations/0/means/0"),
                Arguments.of("no body", "", 400, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsAProblemNamingTheFieldAndWritesNothing(String name, String body, int status, String pointer) {
        long before = count("screening_decision");

        Response response = post("/api/v1/screenings", body);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        if (!pointer.isEmpty()) {
            assertThat(problem.path("errors").findValuesAsText("pointer")).contains(pointer);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(count("screening_decision")).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAProblem() {
        String huge = "{\"legalMatters\":[" + "{\"type\":\"OTHER\"},".repeat(10_000) + "{\"type\":\"OTHER\"}]}";

        Response response = post("/api/v1/screenings", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aWrongContentTypeIsAProblem() {
        Response response = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/screenings"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .header("Content-Type", "text/plain"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aMalformedIdIsABadRequestProblem() {
        Response response = get("/api/v1/screenings/not-a-uuid");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anUnknownPathIsRefusedWithAProblem() {
        Response response = get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
