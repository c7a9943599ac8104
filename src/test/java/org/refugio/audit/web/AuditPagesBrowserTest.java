package org.refugio.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.refugio.security.Role;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestTokens;
import org.refugio.support.TestWebUsers;

/**
 * The auditor's pages without curl (issue 13 item 1): find today's NOT_ELIGIBLE T-1 decision, open it and see why,
 * replay it, verify the chain; axe-core on every page; every page read is in the log as the API's reads are; a
 * caseworker is refused.
 */
class AuditPagesBrowserTest extends BrowserTest {

    @Test
    void anAuditorFindsOpensReplaysAndVerifies() throws Exception {
        String id = smugglingOnlyDecision();
        long readsBefore = reads(TestWebUsers.AUDITOR);

        signIn(TestWebUsers.AUDITOR);
        inEnglish();
        assertThat(pageText()).contains("Decisions").contains("Verify the log");
        open("/audit/decisions");
        assertThat(heading()).isEqualTo("Decisions");
        type(By.id("from"), LocalDate.now(ZoneOffset.UTC).toString());
        choose(By.id("program"), "T1_PRINCIPAL");
        choose(By.id("status"), "NOT_ELIGIBLE");
        submit(By.id("find"));
        By row = By.cssSelector("#decision-list tr[data-decision='" + id + "']");
        assertThat(driver.findElements(row)).as("the new NOT_ELIGIBLE T-1 decision is listed").hasSize(1);
        assertThat(text(row)).contains("T visa (T-1): Not eligible");
        screenshot("audit-decisions-en");

        follow(By.cssSelector("#decision-list tr[data-decision='" + id + "'] a"));
        assertThat(heading()).isEqualTo("Decision");
        assertThat(text(By.id("decision-id"))).isEqualTo(id);
        assertThat(driver.findElement(By.id("integrity")).getAttribute("data-intact")).isEqualTo("true");
        assertThat(text(By.id("integrity"))).contains("Intact");
        String t1 = text(By.cssSelector("section[data-program='T1_PRINCIPAL']"));
        assertThat(t1).contains("Not eligible").contains("T1-").contains("8 CFR");
        assertThat(text(By.id("facts"))).contains("/person").doesNotContain("1999-");
        assertThat(text(By.id("record-seq"))).matches("\\d+");
        screenshot("audit-decision-en");

        follow(By.id("replay"));
        assertThat(heading()).isEqualTo("Replay");
        // Reproduced, or the page lists where not (the LSC follow-ups' order can vary between evaluations: reported).
        boolean reproduced = "true".equals(driver.findElement(By.id("reproduced")).getAttribute("data-reproduced"));
        assertThat(driver.findElements(By.id("mismatches"))).hasSize(reproduced ? 0 : 1);
        assertThat(driver.findElement(By.cssSelector("#side-by-side tr[data-program='T1_PRINCIPAL']"))
                .getAttribute("data-differs")).isEqualTo("false");
        assertThat(text(By.id("same-ruleset"))).contains("Today's ruleset is the ruleset of the day");
        assertThat(driver.findElement(By.id("engine")).getAttribute("data-differs")).isEqualTo("false");
        assertThat(text(By.id("engine"))).contains("the same engine build that made the decision");
        screenshot("audit-replay-en");

        open("/audit/verify");
        submit(By.id("run-verify"));
        assertThat(driver.findElements(By.id("verdict"))).hasSize(1);
        long head = Long.parseLong(text(By.id("head-seq")));
        assertThat(head).isGreaterThanOrEqualTo(jdbc.queryForObject("select min(seq) from audit_log"
                + " where decision_id = ? and action = 'SCREENING_DECIDED'", Long.class, java.util.UUID.fromString(id)));
        assertThat(text(By.id("head-digest"))).matches("[0-9a-f]{64}|[A-Za-z0-9+/=_-]{20,}");
        if ("false".equals(driver.findElement(By.id("verdict")).getAttribute("data-verified"))) {
            assertThat(text(By.id("first-broken"))).contains("First broken link: record");
        }
        screenshot("audit-verify-en");

        // The first list, the search, the decision, the replay, the verification: each an AUDIT_READ in the
        // auditor's name.
        assertThat(reads(TestWebUsers.AUDITOR) - readsBefore).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'AUDIT_READ' and actor = ?"
                + " and decision_id = ?", Long.class, TestWebUsers.AUDITOR, java.util.UUID.fromString(id)))
                .as("the decision page and the replay name the decision they read").isEqualTo(2L);

        switchLanguage();
        assertThat(heading()).isEqualTo("Verificar el registro de auditoría");
        open("/audit/decisions/" + id);
        assertThat(text(By.id("integrity"))).contains("Íntegra");
        screenshot("audit-decision-es");
        switchLanguage();
    }

    @Test
    void aCaseworkerMayNotOpenTheAuditorPages() {
        signIn(TestWebUsers.CASEWORKER);
        assertThat(driver.findElements(By.cssSelector("a[href='/audit/decisions']"))).isEmpty();
        open("/audit/decisions");
        assertThat(heading()).isEqualTo("Not for your role");
        String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
        for (String path : new String[] {"/audit/decisions", "/audit/verify?run=1",
                "/audit/decisions/" + java.util.UUID.randomUUID(), "/audit/decisions/" + java.util.UUID.randomUUID() + "/replay"}) {
            assertThat(get(path, "Authorization", "", "Cookie", "JSESSIONID=" + session).status())
                    .as(path).isEqualTo(403);
        }
    }

    /**
     * At desktop width (the browser is 1280 px wide) the auditor's header is one line in both languages: every
     * navigation link and the tools (language, user, sign out) share a line, and no link's text breaks.
     */
    @Test
    void theAuditorsHeaderIsOneLineInEnglishAndSpanish() {
        signIn(TestWebUsers.AUDITOR);
        inEnglish();
        open("/audit/decisions");
        assertHeaderOnOneLine("en");
        screenshot("header-auditor-en");
        switchLanguage();
        assertThat(language()).isEqualTo("es");
        assertHeaderOnOneLine("es");
        screenshot("header-auditor-es");
        switchLanguage();
    }

    private void assertHeaderOnOneLine(String lang) {
        assertThat(driver.manage().window().getSize().getWidth()).isEqualTo(1280);
        List<WebElement> labels = driver.findElements(By.cssSelector(".usa-nav__primary .usa-nav-link span"));
        assertThat(labels).as("the auditor's links").hasSizeGreaterThanOrEqualTo(5);
        for (WebElement label : labels) {
            Number lineHeight = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return parseFloat(getComputedStyle(arguments[0]).lineHeight);", label);
            assertThat(label.getRect().getHeight()).as(lang + ": '" + label.getText() + "' breaks onto a second line")
                    .isLessThan((int) Math.ceil(lineHeight.doubleValue() * 1.5));
        }
        List<WebElement> parts = new ArrayList<>(labels);
        parts.add(driver.findElement(By.cssSelector("#language-switch button")));
        parts.add(driver.findElement(By.cssSelector(".refugio-user")));
        parts.add(driver.findElement(By.cssSelector("#sign-out button")));
        // On one line: some horizontal line crosses every part, i.e. the lowest top is above the highest bottom.
        int lowestTop = parts.stream().mapToInt(p -> p.getRect().getY()).max().orElseThrow();
        int highestBottom = parts.stream().mapToInt(p -> p.getRect().getY() + p.getRect().getHeight()).min().orElseThrow();
        assertThat(lowestTop).as(lang + ": the header wraps (" + parts.stream()
                .map(p -> "'" + p.getText() + "' " + p.getRect().getY() + "+" + p.getRect().getHeight())
                .collect(java.util.stream.Collectors.joining(", ")) + ")").isLessThan(highestBottom);
    }

    private String smugglingOnlyDecision() throws Exception {
        JsonNode scenario = JSON.readTree(getClass().getResourceAsStream("/scenarios/public/10-carlos-smuggling-only.json"));
        Response made = post("/api/v1/screenings", scenario.get("facts"),
                "Authorization", TestTokens.bearer("caseworker-audit-pages", Role.CASEWORKER));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.body()).contains("\"T1_PRINCIPAL\"");
        return made.json().path("id").asText();
    }

    private long reads(String actor) {
        return jdbc.queryForObject("select count(*) from audit_log where action = 'AUDIT_READ' and actor = ?",
                Long.class, actor);
    }

    /** The interface language is remembered per user across runs: start each test in English. */
    private void inEnglish() {
        if ("es".equals(language())) {
            switchLanguage();
        }
    }
}
