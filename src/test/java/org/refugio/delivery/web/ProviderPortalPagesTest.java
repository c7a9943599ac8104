package org.refugio.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;
import org.refugio.support.TestWebUsers;

/**
 * The provider portal's pages over real HTTP (issue 12 item 1), signed in through the sign-in form with a session
 * and CSRF tokens as a browser is: a provider user sees only its organisation's referrals (another's is a 404, not
 * a 403, so its existence is not revealed), a decline without a reason code is refused with the reason named and
 * nothing written, and a form without its CSRF token is refused.
 */
class ProviderPortalPagesTest extends CaseTest {

    /** A signed-in browser without a browser: cookies kept, CSRF token read from the last page. */
    final class WebSession {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf;

        WebSession(String user) {
            HttpResponse<String> signin = get("/signin");
            HttpResponse<String> signedIn = post("/signin", "username=" + user + "&password=" + TestWebUsers.PASSWORD);
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
            assertThat(signin.statusCode()).isEqualTo(200);
        }

        HttpResponse<String> get(String path) {
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).GET());
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return page;
        }

        HttpResponse<String> post(String path, String form) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + (csrf == null ? "" : "&_csrf="
                            + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))));
        }

        HttpResponse<String> postWithoutCsrf(String path, String form) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anotherProviderCannotSeeTheReferralAndADeclineNeedsAReasonCode() {
        String first = provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es"), false, false, 5);
        String second = provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es"), false,
                false, 5);
        String caseId = openedCase(scenarioFacts("public/06-marta-unknown-facts.json"), "es").path("id").asText();
        confirmReview(caseId);
        JsonNode referral = referral(awaitSent(caseId, 1), 1);
        String referralId = referral.path("id").asText();
        String own = referral.path("providerId").asText();
        TestWebUsers.PROVIDER_ORGANISATION.set(UUID.fromString(own));
        TestWebUsers.OTHER_PROVIDER_ORGANISATION.set(UUID.fromString(own.equals(first) ? second : first));

        WebSession other = new WebSession(TestWebUsers.OTHER_PROVIDER);
        HttpResponse<String> otherInbox = other.get("/provider/referrals?group=new");
        assertThat(otherInbox.statusCode()).isEqualTo(200);
        assertThat(otherInbox.body()).doesNotContain(referralId);
        HttpResponse<String> hidden = other.get("/provider/referrals/" + referralId);
        assertThat(hidden.statusCode()).as("another provider's referral does not exist for it").isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(caseId);
        assertThat(other.post("/provider/referrals/" + referralId + "/response", "decision=ACCEPTED").statusCode())
                .isEqualTo(404);

        // The portal is the providers' only: a caseworker's sign-in is refused there.
        assertThat(new WebSession(TestWebUsers.CASEWORKER).get("/provider/referrals").statusCode()).isEqualTo(403);

        WebSession provider = new WebSession(TestWebUsers.PROVIDER);
        HttpResponse<String> landing = provider.get("/");
        assertThat(landing.statusCode()).as("a provider user lands on the inbox").isEqualTo(302);
        assertThat(landing.headers().firstValue("Location").orElseThrow()).endsWith("/provider/referrals");
        assertThat(provider.get("/provider/referrals?group=new").body()).contains("data-referral=\"" + referralId);
        assertThat(provider.get("/provider/referrals?group=awaiting").body()).doesNotContain(referralId);
        HttpResponse<String> page = provider.get("/provider/referrals/" + referralId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(caseId).contains("id=\"answer-form\"");
        // Opened: now it waits for the answer, no longer new.
        assertThat(provider.get("/provider/referrals?group=new").body()).doesNotContain(referralId);
        provider.get("/provider/referrals?group=awaiting");
        assertThat(provider.get("/provider/referrals?group=awaiting").body()).contains(referralId);

        HttpResponse<String> noReason = provider.post("/provider/referrals/" + referralId + "/response",
                "decision=DECLINED&reasonCode=&reason=" + URLEncoder.encode("Full this month", StandardCharsets.UTF_8));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("Choose a reason for declining.").contains("id=\"answer-errors\"")
                .contains("Full this month");
        HttpResponse<String> madeUp = provider.post("/provider/referrals/" + referralId + "/response",
                "decision=DECLINED&reasonCode=TOO_BUSY");
        assertThat(madeUp.statusCode()).isEqualTo(422);
        assertThat(provider.postWithoutCsrf("/provider/referrals/" + referralId + "/response",
                "decision=DECLINED&reasonCode=NO_CAPACITY").statusCode()).as("no CSRF token, no answer")
                .isIn(302, 403);
        // Nothing was written: the referral still waits, the case did not move, no answer was published.
        assertThat(jdbc.queryForObject("select status from referral where id = ?", String.class,
                UUID.fromString(referralId))).isEqualTo("SENT");
        assertThat(readCase(caseId).path("referrals").size()).isEqualTo(1);
        assertThat(actions(caseId)).noneMatch(a -> a.startsWith("PROVIDER_RESPONDED"));

        HttpResponse<String> declined = provider.post("/provider/referrals/" + referralId + "/response",
                "decision=DECLINED&reasonCode=NO_CAPACITY&reason=" + URLEncoder.encode("Full this month",
                        StandardCharsets.UTF_8));
        assertThat(declined.statusCode()).isEqualTo(302);
        HttpResponse<String> answered = provider.get(declined.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^https?://[^/]+", ""));
        assertThat(answered.body()).contains("You declined the referral").contains("data-status=\"DECLINED\"")
                .contains("No capacity").doesNotContain("id=\"answer-form\"");
        assertThat(provider.get("/provider/referrals?group=answered").body()).contains(referralId);
        JsonNode moved = awaitCase(caseId, c -> c.path("referrals").size() == 2);
        assertThat(referral(moved, 1).path("status").asText()).isEqualTo("DECLINED");
        assertThat(referral(moved, 1).path("respondedBy").asText()).isEqualTo(TestWebUsers.PROVIDER);
        assertThat(referral(moved, 1).path("responseReasonCode").asText()).isEqualTo("NO_CAPACITY");
    }
}
