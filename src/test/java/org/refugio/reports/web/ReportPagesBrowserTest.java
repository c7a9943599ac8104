package org.refugio.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.refugio.security.Role;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestTokens;
import org.refugio.support.TestWebUsers;

/**
 * A program manager sees the monthly report with its charts (ECharts from the WebJar) and the table under each,
 * the barriers report, in English and Spanish, with axe-core on every page; no cell under 11; a caseworker is refused.
 */
class ReportPagesBrowserTest extends BrowserTest {

    @Test
    void aProgramManagerSeesTheMonthlyReportWithChartAndTable() throws Exception {
        JsonNode facts = JSON.readTree(getClass().getResourceAsStream("/scenarios/public/10-carlos-smuggling-only.json"))
                .get("facts");
        for (int i = 0; i < 11; i++) {
            Response made = post("/api/v1/screenings", facts, "Authorization",
                    TestTokens.bearer("caseworker-reports", Role.CASEWORKER));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
        }
        String month = YearMonth.now(ZoneOffset.UTC).toString();

        signIn(TestWebUsers.PROGRAM_MANAGER);
        if ("es".equals(language())) {
            switchLanguage();
        }
        assertThat(driver.findElements(By.cssSelector("a[href='/reports']"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href='/cases']"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href='/audit/decisions']"))).isEmpty();
        open("/reports");
        assertThat(heading()).isEqualTo("Monthly report");
        assertThat(text(By.id("suppression-note"))).contains("<11");

        // The chart is drawn (a canvas), hidden from screen readers; the table under it is the data.
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(
                By.cssSelector("#report-screenings .refugio-chart canvas")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#report-screenings .refugio-chart")).getAttribute("aria-hidden"))
                .isEqualTo("true");
        assertThat(text(By.cssSelector("#table-screenings caption"))).isEqualTo("Screenings per month");
        assertThat(text(By.cssSelector("#table-screenings thead"))).contains(month).contains("Total");
        String cell = text(By.cssSelector("#table-screenings tbody tr:first-child td:nth-last-child(2)"));
        assertThat(Long.parseLong(cell)).as("this month's screenings, at least the 11 just made").isGreaterThanOrEqualTo(11);
        assertThat(text(By.id("table-program-status"))).contains("T visa (T-1)").contains("Not eligible");
        // No number from 1 to 10 in any table cell.
        for (var td : driver.findElements(By.cssSelector(".refugio-report-table td[data-value]"))) {
            String v = td.getAttribute("data-value");
            if (!v.isEmpty() && !v.contains(".")) {
                long n = Long.parseLong(v);
                assertThat(n == 0 || n >= 11).as("cell " + v).isTrue();
            }
        }
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__reportErrors || null");
        assertThat(errors).isNull();
        screenshot("reports-monthly-en");

        follow(By.cssSelector("a[href^='/reports/barriers']"));
        assertThat(heading()).isEqualTo("Barriers report");
        assertThat(text(By.id("table-barriers"))).contains("T visa (T-1)");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(
                By.cssSelector("#report-barriers .refugio-chart canvas")).isEmpty());
        screenshot("reports-barriers-en");

        switchLanguage();
        assertThat(heading()).isEqualTo("Informe de barreras");
        open("/reports?fromMonth=" + month + "&toMonth=" + month);
        assertThat(heading()).isEqualTo("Informe mensual");
        assertThat(text(By.cssSelector("#table-screenings caption"))).isEqualTo("Evaluaciones por mes");
        screenshot("reports-monthly-es");
        open("/reports?fromMonth=2026-99");
        assertThat(driver.findElements(By.id("errors"))).hasSize(1);
        switchLanguage();
    }

    @Test
    void aCaseworkerMayNotOpenTheReports() {
        signIn(TestWebUsers.CASEWORKER);
        assertThat(driver.findElements(By.cssSelector("a[href='/reports']"))).isEmpty();
        open("/reports");
        assertThat(heading()).isEqualTo("Not for your role");
    }
}
