package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/**
 * Every endpoint, every role and no credentials, against the table in src/test/resources/security/access-matrix.csv.
 * The table is written independently of AccessRules, so a rule that drifts from the intended matrix fails here.
 */
class AccessMatrixTest extends ApiTest {

    private static final List<String> CALLERS = List.of("anonymous", "intake", "caseworker", "supervisor", "auditor", "admin",
            "provider");

    private String screening;
    private String legalAidCase;
    private String task;
    private String provider;

    @BeforeEach
    void anExistingScreening() {
        // Created by the intake user the matrix calls as, since an intake system reads only its own screenings.
        screening = post("/api/v1/screenings", "{}", "Authorization", TestTokens.bearer("intake-user", Role.INTAKE))
                .json().path("id").asText();
        legalAidCase = post("/api/v1/cases", "{\"facts\":{}}", "Authorization",
                TestTokens.bearer("intake-user", Role.INTAKE)).json().path("id").asText();
        task = get("/api/v1/tasks?caseId=" + legalAidCase).json().get(0).path("id").asText();
        provider = post("/api/v1/providers", """
                {"name": "Access matrix provider", "fundingType": "NON_LSC", "languages": ["es"], "regions": ["US"],
                 "servesYouth": true, "detentionCapable": true, "capacity": 0}""").json().path("id").asText();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsWhatTheMatrixSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : matrix()) {
            for (int c = 0; c < CALLERS.size(); c++) {
                String caller = CALLERS.get(c);
                String expected = row[3 + c];
                tests.add(DynamicTest.dynamicTest(row[0] + " " + row[1] + " as " + caller + " -> " + expected, () -> {
                    Response response = call(row[0], row[1].replace("{screening}", screening)
                            .replace("{case}", legalAidCase).replace("{task}", task).replace("{provider}", provider),
                            row[2], caller);
                    if (expected.equals("2xx")) {
                        assertThat(response.status()).as(response.body()).isBetween(200, 299);
                    } else {
                        assertThat(response.status()).as(response.body()).isEqualTo(Integer.parseInt(expected));
                        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    }
                }));
            }
        }
        return tests.stream();
    }

    private Response call(String method, String path, String body, String caller) {
        String authorization = caller.equals("anonymous") ? ""
                : caller.equals("provider") ? TestTokens.provider("provider-user", provider)
                : TestTokens.bearer(caller + "-user", Role.valueOf(caller.toUpperCase()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        return send(request, "Authorization", authorization);
    }

    private static List<String[]> matrix() throws IOException {
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/security/access-matrix.csv")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("method,")) {
                    continue;
                }
                rows.add(line.split(",", -1));
            }
            return rows;
        }
    }
}
