package org.refugio.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.refugio.support.TestWebUsers;
import org.refugio.security.Role;

/** The web pages' session and forms over plain HTTP: the cookie's attributes, CSRF, and a stateless API beside them. */
class WebSessionTest extends ApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElse(null);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureOverHttps() throws Exception {
        String plain = sessionCookie(fetch("/signin"));
        assertThat(plain).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");

        String overHttps = sessionCookie(fetch("/signin", "X-Forwarded-Proto", "https"));
        assertThat(overHttps).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Secure");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndWithItSignsIn() throws Exception {
        HttpResponse<String> page = fetch("/signin");
        String cookie = sessionCookie(page).split(";")[0];
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        String credentials = "username=" + TestWebUsers.CASEWORKER + "&password=" + TestWebUsers.PASSWORD;

        assertThat(postForm("/signin", credentials, cookie).statusCode()).isEqualTo(403);
        assertThat(postForm("/language", "lang=es", cookie).statusCode()).isEqualTo(403);

        HttpResponse<String> signedIn = postForm("/signin", credentials + "&_csrf=" + token.group(1), cookie);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/");
        String newSession = sessionCookie(signedIn);
        assertThat(newSession).as("a new session id after signing in (fixation)").isNotNull()
                .doesNotStartWith(cookie);
    }

    @Test
    void aPageAsksAnonymousVisitorsToSignInAndAnHtmxRequestIsToldWhereToGo() throws Exception {
        HttpResponse<String> page = fetch("/cases");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/signin");

        HttpResponse<String> fragment = fetch("/cases", "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(401);
        assertThat(fragment.headers().firstValue("HX-Redirect").orElseThrow()).isEqualTo("/signin");
    }

    @Test
    void theLanguageSwitchNeverRedirectsOffTheSite() {
        assertThat(SignInController.sameSite("//evil.example/x")).isEqualTo("/");
        assertThat(SignInController.sameSite("https://evil.example")).isEqualTo("/");
        assertThat(SignInController.sameSite("/\\evil.example")).isEqualTo("/");
        assertThat(SignInController.sameSite("/cases?status=OPEN")).isEqualTo("/cases?status=OPEN");
    }

    @Test
    void theApiStaysStatelessBesideThePages() throws Exception {
        HttpResponse<String> api = fetch("/api/v1/rulesets/current", "Authorization",
                TestTokens.bearer("cw", Role.CASEWORKER));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> anonymous = fetch("/api/v1/rulesets/current");
        assertThat(anonymous.statusCode()).as("the API answers 401, never a sign-in redirect").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(List.of(fetch("/uswds/css/uswds.min.css").statusCode(),
                fetch("/webjars/htmx.org/2.0.4/dist/htmx.min.js").statusCode())).containsOnly(200);
    }
}
