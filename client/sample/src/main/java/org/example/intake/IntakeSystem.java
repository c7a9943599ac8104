package org.example.intake;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.refugio.client.ApiClient;
import org.refugio.client.ApiException;
import org.refugio.client.api.ScreeningsApi;
import org.refugio.client.model.Citizenship;
import org.refugio.client.model.Person;
import org.refugio.client.model.ScreeningDecision;
import org.refugio.client.model.ScreeningFacts;

/**
 * How an intake system screens a person through the Refugio client: only the client artifact
 * (org.refugio:refugio-client) on its class path, none of the service.
 */
public final class IntakeSystem {

    private final ScreeningsApi screenings;

    /**
     * @param baseUri where the service runs, e.g. http://localhost:8080
     * @param bearerToken gives a fresh access token of the intake system for each request
     */
    public IntakeSystem(String baseUri, Supplier<String> bearerToken) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(
                (HttpRequest.Builder request) -> request.header("Authorization", "Bearer " + bearerToken.get()));
        this.screenings = new ScreeningsApi(client);
    }

    /** Screens an adult, as of a date, with no victimization reported yet; retried safely under the same key. */
    public ScreeningDecision screenAdult(int ageEstimate, Citizenship citizenship, LocalDate asOf, UUID idempotencyKey)
            throws ApiException {
        ScreeningFacts facts = new ScreeningFacts()
                .asOfDate(asOf)
                .person(new Person().ageEstimate(ageEstimate).citizenship(citizenship))
                .victimizations(List.of());
        return screenings.createScreening(facts, "en", null, null, idempotencyKey.toString())
                .getScreeningDecision();
    }

    public static void main(String[] args) throws ApiException {
        if (args.length != 2) {
            System.err.println("usage: IntakeSystem <base URI> <bearer token>");
            System.exit(2);
        }
        ScreeningDecision decision = new IntakeSystem(args[0], () -> args[1])
                .screenAdult(30, Citizenship.US_CITIZEN, LocalDate.now(), UUID.randomUUID());
        System.out.println("screening " + decision.getId());
        decision.getPrograms().forEach(p -> System.out.println(p.getProgram() + ": " + p.getStatus()));
    }
}
