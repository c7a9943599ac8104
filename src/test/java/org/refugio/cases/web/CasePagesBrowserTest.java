package org.refugio.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;

/**
 * From a saved screening to an accepted referral without curl (issue 11 items 5, 7): open a case, see it in the
 * inbox, confirm the referral, record the provider's answer, read the timeline, in English and Spanish; axe-core
 * on every page.
 */
class CasePagesBrowserTest extends BrowserTest {

    @Test
    void aCaseIsOpenedFromAScreeningConfirmedAndAcceptedByTheProvider() {
        var provider = JSON.createObjectNode().put("name", "Border Rights Project " + java.util.UUID.randomUUID())
                .put("fundingType", "NON_LSC").put("nonLscFunds", false).put("servesYouth", false)
                .put("detentionCapable", false).put("capacity", 50);
        provider.putArray("regions").add("US-TX");
        provider.putArray("languages").add("en").add("es");
        assertThat(post("/api/v1/providers", provider).status()).isEqualTo(201);
        signIn("carlos.caseworker");
        inEnglish();
        open("/screenings/new");
        type(By.name("person.ageEstimate"), "26");
        driver.findElement(By.cssSelector("label[for='f-person-citizenship-4']")).click();
        type(By.name("person.currentLocation.country"), "US");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("person.currentLocation.usState")))
                .selectByValue("TX");
        driver.findElement(By.cssSelector("label[for='f-victimizations-']")).click();
        submit(By.cssSelector("#start-form button[type=submit]"));
        submit(By.id("save"));
        assertThat(heading()).isEqualTo("Screening result");

        submit(By.id("open-case"));
        assertThat(path()).matches("/cases/[0-9a-f-]{36}\\?opened");
        String casePath = path().replace("?opened", "");
        assertThat(text(By.id("done"))).contains("The case is open");
        assertThat(text(By.id("case-status"))).isEqualTo("Open: referral under way");
        assertThat(text(By.id("timeline"))).contains("The rules looked for a provider");
        screenshot("case-en");

        open("/cases");
        assertThat(heading()).isEqualTo("Cases");
        assertThat(driver.findElements(By.cssSelector("#case-list tr[data-case='"
                + casePath.substring("/cases/".length()) + "']"))).hasSize(1);
        screenshot("cases-en");

        open(casePath);
        submit(By.id("confirm"));
        assertThat(text(By.id("done"))).contains("The referral is confirmed");
        // The workflow sends the referral in the background: the answer form appears once it is sent.
        long until = System.currentTimeMillis() + 60_000;
        while (driver.findElements(By.id("answer-form")).isEmpty() && System.currentTimeMillis() < until) {
            sleep();
            driver.get(url(casePath));
        }
        checkAccessibility();
        screenshot("case-sent-en");
        driver.findElement(By.cssSelector("label[for='answer-accepted']")).click();
        type(By.id("respondedBy"), "intake@provider.example");
        submit(By.id("record-answer"));
        assertThat(text(By.id("done"))).contains("The provider accepted");
        assertThat(driver.findElement(By.id("case-status")).getAttribute("data-status")).isEqualTo("REFERRAL_ACCEPTED");
        assertThat(text(By.id("timeline"))).contains("The referral was sent to the provider")
                .contains("The provider answered");

        switchLanguage();
        assertThat(heading()).isEqualTo("Caso");
        assertThat(text(By.id("case-status"))).isEqualTo("Cerrado: el proveedor aceptó");
        assertThat(text(By.id("timeline"))).contains("El proveedor respondió");
        screenshot("case-es");
        open("/cases?status=ALL");
        assertThat(heading()).isEqualTo("Casos");
        screenshot("cases-es");
        switchLanguage();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The interface language is remembered per user across runs: start each test in English. */
    private void inEnglish() {
        if ("es".equals(language())) {
            switchLanguage();
        }
    }
}
