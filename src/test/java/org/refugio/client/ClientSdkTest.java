package org.refugio.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.refugio.client.api.ScreeningsApi;
import org.refugio.client.model.Citizenship;
import org.refugio.client.model.Person;
import org.refugio.client.model.ProgramCode;
import org.refugio.client.model.ScreeningDecision;
import org.refugio.client.model.ScreeningSummary;
import org.refugio.client.model.ScreeningFacts;
import org.refugio.client.model.Status;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/** An intake system integrating through the SDK generated from the same contract as the server. */
class ClientSdkTest extends ApiTest {

    ScreeningsApi screenings() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization",
                TestTokens.bearer("intake-system-1", Role.INTAKE)));
        return new ScreeningsApi(client);
    }

    @Test
    void anIntakeSystemScreensAndReadsBackThroughTheSdk() throws ApiException {
        ScreeningFacts facts = new ScreeningFacts()
                .asOfDate(LocalDate.of(2026, 11, 26))
                .person(new Person().ageEstimate(30).citizenship(Citizenship.US_CITIZEN))
                .victimizations(List.of());

        String key = java.util.UUID.randomUUID().toString();
        ScreeningDecision decision = screenings().createScreening(facts, "en", null, null, key).getScreeningDecision();
        ScreeningDecision retried = screenings().createScreening(facts, "en", null, null, key).getScreeningDecision();

        assertThat(retried.getId()).as("the Idempotency-Key the contract declares").isEqualTo(decision.getId());

        assertThat(decision.getPrograms()).extracting(p -> p.getProgram()).contains(ProgramCode.T1_PRINCIPAL);
        assertThat(decision.getPrograms()).filteredOn(p -> p.getProgram() == ProgramCode.T1_PRINCIPAL)
                .singleElement().satisfies(p -> assertThat(p.getStatus()).isEqualTo(Status.NOT_ELIGIBLE));
        assertThat(decision.getLegalAidReferral().getReferred()).isTrue();
        assertThat(screenings().getScreening(decision.getId(), "es", null).getScreeningDecision().getId())
                .isEqualTo(decision.getId());

        // view=summary (issue 14): the SDK tells the compact answer from the full one.
        ScreeningSummary summary = screenings().getScreening(decision.getId(), null, "summary").getScreeningSummary();
        assertThat(summary.getId()).isEqualTo(decision.getId());
        assertThat(summary.getPrograms()).extracting(p -> p.getProgram() + "=" + p.getStatus())
                .containsExactlyElementsOf(decision.getPrograms().stream()
                        .map(p -> p.getProgram() + "=" + p.getStatus()).toList());
    }

    @Test
    void aRejectedRequestReachesTheSdkAsAnApiExceptionCarryingTheProblem() {
        ScreeningFacts facts = new ScreeningFacts().person(new Person().ageEstimate(200));

        assertThatThrownBy(() -> screenings().createScreening(facts, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("/person/ageEstimate");
                });
    }
}
