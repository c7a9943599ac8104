package org.refugio.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;

/**
 * The provider portal as people use it (issue 12 item 1, "done when"): a caseworker opens a case from a screening
 * and confirms its referral in the caseworker pages; the referral appears in the provider user's inbox, among the new
 * ones; the provider opens it, reads it (in English and Spanish) and accepts it in the page; the case is then
 * REFERRAL_ACCEPTED for the caseworker, with the provider user as the one who answered. axe-core on every page;
 * the screenshots are those of README "For providers".
 */
class ProviderPortalBrowserTest extends BrowserTest {

    @Test
    void aConfirmedReferralReachesTheProvidersInboxAndTheProviderAcceptsItInThePage() {
        // A directory of one provider that can serve a person in Texas, so the screenshots show this referral only.
        for (JsonNode p : get("/api/v1/providers?active=true").json()) {
            assertThat(delete("/api/v1/providers/" + p.path("id").asText()).status()).isEqualTo(204);
        }
        var provider = JSON.createObjectNode().put("name", "Border Legal Aid " + UUID.randomUUID().toString()
                        .substring(0, 8)).put("fundingType", "NON_LSC").put("nonLscFunds", false)
                .put("servesYouth", false).put("detentionCapable", false).put("capacity", 50);
        provider.putArray("regions").add("US-TX");
        provider.putArray("languages").add("en").add("es");
        assertThat(post("/api/v1/providers", provider).status()).isEqualTo(201);

        String casePath = openAndConfirmCase();
        String caseId = casePath.substring("/cases/".length());
        JsonNode[] sent = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode c = get("/api/v1/cases/" + caseId).json();
            sent[0] = c.path("referrals").get(0);
            return sent[0] != null && sent[0].path("status").asText().equals("SENT");
        });
        String referralId = sent[0].path("id").asText();
        TestWebUsers.PROVIDER_ORGANISATION.set(UUID.fromString(sent[0].path("providerId").asText()));
        signOut();

        // Signing in lands a provider user on the inbox; the referral is new there.
        signIn(TestWebUsers.PROVIDER);
        if ("es".equals(language())) {
            switchLanguage();
        }
        open("/");
        assertThat(path()).isEqualTo("/provider/referrals");
        assertThat(heading()).isEqualTo("Referrals to your organisation");
        assertThat(driver.findElements(By.cssSelector("#referral-list tr[data-referral='" + referralId + "']")))
                .hasSize(1);
        assertThat(driver.findElement(By.id("group-new")).getAttribute("aria-current")).isEqualTo("page");
        screenshot(Path.of("docs/screenshots/provider-inbox-en.png"));

        follow(By.cssSelector("#referral-list tr[data-referral='" + referralId + "'] a"));
        assertThat(heading()).isEqualTo("Referral");
        assertThat(text(By.id("case-id"))).isEqualTo(caseId);
        assertThat(text(By.id("referral-status"))).isEqualTo("Waiting for your answer");
        assertThat(text(By.id("referred-by"))).isEqualTo("carlos.caseworker");
        assertThat(text(By.id("no-identity"))).contains("not shared");
        assertThat(driver.findElements(By.id("answer-form"))).hasSize(1);
        screenshot(Path.of("docs/screenshots/provider-referral-en.png"));

        switchLanguage();
        assertThat(heading()).isEqualTo("Derivación");
        assertThat(text(By.id("referral-status"))).isEqualTo("Espera su respuesta");
        screenshot(Path.of("docs/screenshots/provider-referral-es.png"));
        open("/provider/referrals?group=awaiting");
        assertThat(heading()).isEqualTo("Derivaciones a su organización");
        assertThat(driver.findElements(By.cssSelector("#referral-list tr[data-referral='" + referralId + "']")))
                .as("opened: it now waits for the answer").hasSize(1);
        screenshot(Path.of("docs/screenshots/provider-inbox-es.png"));
        switchLanguage();

        open("/provider/referrals/" + referralId);
        driver.findElement(By.cssSelector("label[for='answer-accepted']")).click();
        submit(By.id("send-answer"));
        assertThat(text(By.id("done"))).contains("You accepted the referral");
        assertThat(driver.findElement(By.id("answered")).getAttribute("data-status")).isEqualTo("ACCEPTED");
        assertThat(text(By.id("answer"))).contains(TestWebUsers.PROVIDER);
        assertThat(driver.findElements(By.id("answer-form"))).isEmpty();
        open("/provider/referrals?group=answered");
        assertThat(driver.findElements(By.cssSelector("#referral-list tr[data-referral='" + referralId + "']")))
                .hasSize(1);

        // The caseworker sees the case accepted, answered by the provider user.
        JsonNode accepted = get("/api/v1/cases/" + caseId).json();
        assertThat(accepted.path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
        assertThat(accepted.path("referrals").get(0).path("respondedBy").asText()).isEqualTo(TestWebUsers.PROVIDER);
        signOut();
        signIn("carlos.caseworker");
        open(casePath);
        assertThat(driver.findElement(By.id("case-status")).getAttribute("data-status")).isEqualTo("REFERRAL_ACCEPTED");
    }

    /** The caseworker's part, in the caseworker pages: a screening, a case opened from it, the referral confirmed. */
    private String openAndConfirmCase() {
        signIn("carlos.caseworker");
        if ("es".equals(language())) {
            switchLanguage();
        }
        open("/screenings/new");
        type(By.name("person.ageEstimate"), "26");
        driver.findElement(By.cssSelector("label[for='f-person-citizenship-4']")).click();
        type(By.name("person.currentLocation.country"), "US");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("person.currentLocation.usState")))
                .selectByValue("TX");
        driver.findElement(By.cssSelector("label[for='f-victimizations-']")).click();
        submit(By.cssSelector("#start-form button[type=submit]"));
        submit(By.id("save"));
        submit(By.id("open-case"));
        assertThat(path()).matches("/cases/[0-9a-f-]{36}\\?opened");
        String casePath = path().replace("?opened", "");
        submit(By.id("confirm"));
        assertThat(text(By.id("done"))).contains("The referral is confirmed");
        return casePath;
    }
}
