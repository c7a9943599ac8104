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
        String casePath = openCase();
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

    /**
     * Identity and consent on the case page (issue 11 item 5): the identifying data is not on the case page; it is
     * recorded and shown on its own page, and each view appears on the case's timeline (the audit log); a consent is
     * refused with dates out of order, recorded with its dates, scope and provider, and withdrawn; in English and
     * Spanish, axe-core on each page.
     */
    @Test
    void theIdentityIsShownOnlyOnRequestEachViewAuditedAndAConsentIsRecordedAndWithdrawn() {
        String casePath = openCase();
        assertThat(text(By.tagName("main"))).doesNotContain("Rosa Example");
        assertThat(text(By.id("no-consent"))).contains("No consent is recorded");
        checkAccessibility();

        submit(By.id("show-identity"));
        assertThat(heading()).isEqualTo("The person's identifying data");
        assertThat(text(By.id("no-identity"))).contains("No identifying data");
        submit(By.id("record-identity"));
        assertThat(text(By.id("identity-errors"))).contains("Enter the person's name.");
        type(By.id("name"), "Rosa Example");
        type(By.id("phone"), "+1 956 555 0100");
        submit(By.id("record-identity"));
        assertThat(path()).isEqualTo(casePath);
        assertThat(text(By.id("done"))).contains("The identifying data is recorded");
        assertThat(text(By.tagName("main"))).doesNotContain("Rosa Example");

        submit(By.id("show-identity"));
        assertThat(text(By.id("identity"))).contains("Rosa Example").contains("+1 956 555 0100");
        checkAccessibility();
        screenshot("identity-en");
        submit(By.id("back-to-case"));
        assertThat(driver.findElements(By.cssSelector("#timeline li[data-action='IDENTITY_READ']")))
                .as("the view is in the audit log, on the timeline").hasSize(1);

        driver.findElement(By.cssSelector("#consent-details summary")).click();
        date(By.id("signedOn"), "2026-01-10");
        date(By.id("expiresOn"), "2026-01-05");
        submit(By.id("record-consent"));
        assertThat(text(By.id("consent-errors"))).contains("must end after the day it was signed");
        date(By.id("signedOn"), today().minusDays(1).toString());
        date(By.id("expiresOn"), today().plusYears(1).toString());
        type(By.id("documentReference"), "Paper file, drawer 3");
        submit(By.id("record-consent"));
        assertThat(text(By.id("done"))).contains("The consent is recorded");
        assertThat(text(By.id("consent-table"))).contains("In force").contains("Share the identity")
                .contains("The client").contains("Paper file, drawer 3");
        checkAccessibility();
        screenshot("consent-en");
        submit(By.cssSelector("#consent-table .withdraw-form button"));
        assertThat(text(By.id("done"))).contains("The consent is withdrawn");
        assertThat(text(By.id("consent-table"))).contains("Withdrawn");
        assertThat(driver.findElements(By.cssSelector("#consent-table .withdraw-form"))).isEmpty();
        assertThat(text(By.id("timeline"))).contains("The person withdrew a consent");

        switchLanguage();
        assertThat(text(By.id("consent-table"))).contains("Retirado");
        submit(By.id("show-identity"));
        assertThat(heading()).isEqualTo("Los datos de identidad de la persona");
        checkAccessibility();
        screenshot("identity-es");
        switchLanguage();
        open(casePath);
        assertThat(driver.findElements(By.cssSelector("#timeline li[data-action='IDENTITY_READ']")))
                .as("every view is recorded: the English one, the Spanish one, and the reload in English when the"
                        + " language was switched back on the identity page").hasSize(3);
    }

    /** A saved screening for a person in Texas, and a case opened from it (a provider that can take it exists). */
    private String openCase() {
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
        return path().replace("?opened", "");
    }

    /** Sets a date input the way a date picker does (typing depends on the browser's locale). */
    private void date(By field, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(field), isoDate);
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
