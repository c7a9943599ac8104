package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The embedded default as the README describes it: H2 and the six demo users over HTTP Basic. */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-users;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "refugio.security.demo-users.enabled=true"})
class DemoUsersTest {

    @LocalServerPort
    int port;

    int status(String user, String password, String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
        if (method.equals("POST")) {
            request.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void eachDemoUserLogsInWithItsNameAsPasswordAndGetsItsRole() throws Exception {
        assertThat(status("caseworker", "caseworker", "POST", "/api/v1/screenings")).isEqualTo(201);
        assertThat(status("intake", "intake", "POST", "/api/v1/screenings")).isEqualTo(201);
        assertThat(status("auditor", "auditor", "POST", "/api/v1/screenings")).isEqualTo(403);
        assertThat(status("admin", "admin", "GET", "/actuator/prometheus")).isEqualTo(200);
        assertThat(status("supervisor", "supervisor", "GET", "/api/v1/rulesets/current")).isEqualTo(200);
        // The demo provider user acts for one demo provider (issue 12): its inbox, and nothing of the caseworkers'.
        assertThat(status("provider", "provider", "GET", "/api/v1/provider/referrals")).isEqualTo(200);
        assertThat(status("provider", "provider", "GET", "/api/v1/cases")).isEqualTo(403);
        // The program manager (issue 13) reads the reports, on H2 too, and nothing else.
        for (String report : org.refugio.reports.Reports.NAMES) {
            assertThat(status("program-manager", "program-manager", "GET", "/api/v1/reports/" + report))
                    .as(report).isEqualTo(200);
        }
        assertThat(status("program-manager", "program-manager", "GET", "/api/v1/cases")).isEqualTo(403);
        assertThat(status("program-manager", "program-manager", "POST", "/api/v1/screenings")).isEqualTo(403);
    }

    @Test
    void theDemoUsersSignInToTheWebPagesWithTheSamePasswords() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Demo users").contains("id=\"signin-form\"");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=caseworker&password=caseworker&_csrf=" + token.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertThat(status("caseworker", "admin", "POST", "/api/v1/screenings")).isEqualTo(401);
    }
}
