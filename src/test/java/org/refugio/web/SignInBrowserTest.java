package org.refugio.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;

/** Signing in and out, and the interface language, in a real browser (axe-checked on every page). */
class SignInBrowserTest extends BrowserTest {

    @Test
    void aNewVisitorGetsTheSignInPageAndAWrongPasswordSaysSo() {
        driver.get(url("/"));
        assertThat(path()).startsWith("/signin");
        checkAccessibility();
        assertThat(heading()).isEqualTo("Sign in");
        assertThat(language()).isEqualTo("en");
        screenshot("signin-en");

        type(By.id("username"), TestWebUsers.CASEWORKER);
        type(By.id("password"), "not-the-password");
        submit(By.cssSelector("#signin-form button[type=submit]"));
        assertThat(path()).isEqualTo("/signin?error");
        assertThat(pageText()).contains("The user name or password is not right");
        assertThat(driver.findElements(By.id("sign-out"))).isEmpty();
    }

    @Test
    void aCaseworkerSignsInAndOut() {
        signIn(TestWebUsers.CASEWORKER);
        assertThat(pageText()).contains("Signed in as " + TestWebUsers.CASEWORKER);
        signOut();
        assertThat(path()).isEqualTo("/signin?signedOut");
        assertThat(pageText()).contains("You are signed out.");
        driver.get(url("/"));
        assertThat(path()).startsWith("/signin");
    }

    @Test
    void theInterfaceLanguageIsRememberedPerUser() {
        signIn("carlos.caseworker");
        switchLanguage();
        assertThat(language()).isEqualTo("es");
        assertThat(pageText()).contains("Sesión iniciada como carlos.caseworker");
        signOut();
        assertThat(language()).isEqualTo("en");

        signIn("carlos.caseworker");
        assertThat(language()).as("the choice outlives the session").isEqualTo("es");
        assertThat(pageText()).contains("Cerrar sesión");
        switchLanguage();
        assertThat(language()).isEqualTo("en");
        signOut();

        signIn(TestWebUsers.SUPERVISOR);
        assertThat(language()).as("another user's choice is not this one's").isEqualTo("en");
    }

    @Test
    void theSignInPageSpeaksSpanishToo() {
        open("/signin");
        switchLanguage();
        assertThat(language()).isEqualTo("es");
        assertThat(heading()).isEqualTo("Iniciar sesión");
        assertThat(text(By.cssSelector("label[for=username]"))).isEqualTo("Nombre de usuario");
        screenshot("signin-es");
    }

    @Test
    void aRoleWithoutPagesIsToldSoAndAPageOfAnotherRoleIsRefused() {
        signIn(TestWebUsers.ADMIN);
        assertThat(pageText()).contains("There are no pages for your role yet.");
        screenshot("start-admin");
        open("/cases");
        assertThat(heading()).isEqualTo("Not for your role");
    }

    /** The check every page goes through fails on a serious violation: here a button no screen reader can name. */
    @Test
    void theAccessibilityCheckFailsAPageWithAButtonWithoutAName() {
        driver.get(url("/signin"));
        checkAccessibility();
        ((JavascriptExecutor) driver).executeScript("document.body.appendChild(document.createElement('button'))");
        assertThatThrownBy(this::checkAccessibility).isInstanceOf(AssertionError.class)
                .hasMessageContaining("critical button-name");
    }
}
