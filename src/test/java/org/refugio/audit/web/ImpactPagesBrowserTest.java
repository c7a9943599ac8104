package org.refugio.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.refugio.audit.analysis.ChangedRules;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;

/**
 * The impact-analysis pages (issue 13 item 2): an auditor uploads an edited rule file, follows the analysis to its
 * end, reads the transitions per program (table and chart), opens an affected decision and downloads the CSV; an
 * analysis is read from where it is stored (as after a restart, or from another node); axe-core on every page.
 */
class ImpactPagesBrowserTest extends BrowserTest {

    @Test
    void anAuditorMeasuresTheImpactOfAnEditedRule() throws Exception {
        Response made = post("/api/v1/screenings", ChangedRules.GUATEMALAN_IN_TEXAS);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String decision = made.json().path("id").asText();
        Path edited = Files.createTempFile("mexico-", ".drl");
        Files.writeString(edited, ChangedRules.changedMexicoDrl(), StandardCharsets.UTF_8);

        signIn(TestWebUsers.AUDITOR);
        inEnglish();
        assertThat(driver.findElements(By.cssSelector("a[href='/audit/impact']"))).as("nav link").isNotEmpty();
        open("/audit/impact");
        assertThat(heading()).isEqualTo("Impact of a rule change");
        assertThat(driver.findElements(By.cssSelector("#base option"))).hasSizeGreaterThanOrEqualTo(2);

        // A path outside rules/ is refused on the form, not with an error page.
        type(By.id("path-0"), "../etc/passwd");
        driver.findElement(By.id("file-0")).sendKeys(edited.toAbsolutePath().toString());
        submit(By.id("start"));
        assertThat(text(By.id("errors"))).contains("Changed file 1: give its path under rules/");
        assertThat(driver.findElement(By.id("path-0")).getAttribute("value")).isEqualTo("../etc/passwd");
        screenshot("impact-form-en");

        // A candidate that does not compile is refused on the form, with what the compiler said.
        Path broken = Files.createTempFile("broken-", ".drl");
        Files.writeString(broken, "package org.refugio.rules.mexico;\nrule \"broken\" when then nonsense(; end\n");
        type(By.id("path-0"), ChangedRules.FILE);
        driver.findElement(By.id("file-0")).sendKeys(broken.toAbsolutePath().toString());
        submit(By.id("start"));
        assertThat(heading()).isEqualTo("Impact of a rule change");
        assertThat(text(By.id("errors"))).contains("The candidate ruleset was refused");
        assertThat(text(By.id("refused"))).isNotBlank();
        Files.deleteIfExists(broken);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        type(By.id("from"), today);
        type(By.id("to"), today);
        choose(By.id("base"), "current");
        type(By.id("path-0"), ChangedRules.FILE);
        driver.findElement(By.id("file-0")).sendKeys(edited.toAbsolutePath().toString());
        submit(By.id("start"));
        assertThat(heading()).isEqualTo("Impact analysis");
        String id = text(By.id("analysis-id"));
        assertThat(path()).isEqualTo("/audit/impact/" + id);

        // htmx polls the progress until the analysis ends, then the page reloads with the result.
        new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> !d.findElements(By.id("result")).isEmpty());
        waitForHtmx();
        checkAccessibility();
        assertThat(driver.findElement(By.id("progress")).getAttribute("data-state")).isEqualTo("DONE");
        assertThat(driver.findElement(By.id("progress-bar")).getAttribute("value")).startsWith("100");
        assertThat(text(By.id("state"))).isEqualTo("Finished");
        By notEligible = By.cssSelector("#table-MX_HUMANITARIAN_VISITOR tr[data-before='NOT_ELIGIBLE'] td");
        assertThat(driver.findElements(notEligible)).as("MX-02 no longer rules the person out").isNotEmpty();
        long moved = driver.findElements(notEligible).stream()
                .mapToLong(td -> Long.parseLong(td.getAttribute("data-value"))).sum();
        assertThat(moved).isGreaterThanOrEqualTo(1);
        assertThat(text(By.id("program-MX_HUMANITARIAN_VISITOR")))
                .contains("Mexico: humanitarian visitor status").contains("As decided");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(
                By.cssSelector("#program-MX_HUMANITARIAN_VISITOR .refugio-chart canvas")).isEmpty());
        assertAffected(decision);
        screenshot("impact-en");
        screenshot(Path.of("docs/screenshots/impact-en.png"));

        String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
        Response csv = get("/audit/impact/" + id + "/transitions.csv", "Authorization", "", "Cookie", "JSESSIONID=" + session);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("program,from,to,count").contains("MX_HUMANITARIAN_VISITOR,NOT_ELIGIBLE,");
        assertThat(driver.findElement(By.id("transitions-csv")).getAttribute("href"))
                .endsWith("/audit/impact/" + id + "/transitions.csv");

        follow(By.cssSelector("#affected li:first-child a"));
        assertThat(heading()).isEqualTo("Decision");

        // Every read is the API's read: the analysis page and the CSV each wrote an AUDIT_READ naming the analysis.
        assertThat(jdbc.queryForObject("select (select count(*) from audit_log where action = 'AUDIT_READ'"
                + " and actor = ? and subject_id = ?) + (select count(*) from audit_pending where action = 'AUDIT_READ'"
                + " and actor = ? and subject_id = ?)", Long.class, TestWebUsers.AUDITOR, id, TestWebUsers.AUDITOR, id))
                .isGreaterThanOrEqualTo(2L);

        // As after a restart (or from another node): an analysis this node never ran, only stored, is shown from
        // its stored record, in a new session.
        UUID stored = UUID.randomUUID();
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                + " created_at, heartbeat_at, finished_at, view) select ?, state, candidate_version, candidate_sha256,"
                + " total, processed, created_at, heartbeat_at, finished_at, replace(view, ?, ?) from impact_analysis"
                + " where id = ?", stored, id, stored.toString(), UUID.fromString(id));
        signOut();
        signIn(TestWebUsers.AUDITOR);
        open("/audit/impact/" + stored);
        assertThat(text(By.id("analysis-id"))).isEqualTo(stored.toString());
        assertThat(text(By.id("state"))).isEqualTo("Finished");
        assertThat(driver.findElements(notEligible)).isNotEmpty();
        assertAffected(decision);

        // Thousands of affected decisions: the page lists the first ones by id (whatever order the stored list is
        // in), counts the rest and points to the CSV (issue 14).
        UUID many = UUID.randomUUID();
        List<String> ids = Stream.generate(UUID::randomUUID).limit(ImpactPagesController.LISTED_DECISIONS + 10)
                .map(UUID::toString).sorted().toList();
        ObjectNode view = (ObjectNode) JSON.readTree(jdbc.queryForObject(
                "select view from impact_analysis where id = ?", String.class, UUID.fromString(id)));
        view.put("id", many.toString());
        ObjectNode result = (ObjectNode) view.get("result");
        result.put("decisionsCompared", 9000);
        result.put("decisionsChanged", 4321);
        ArrayNode listed = result.putArray("affectedDecisionIds");
        for (int i = ids.size() - 1; i >= 0; i--) {
            listed.add(ids.get(i));
        }
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                + " created_at, heartbeat_at, finished_at, view) select ?, state, candidate_version, candidate_sha256,"
                + " total, processed, created_at, heartbeat_at, finished_at, ? from impact_analysis where id = ?",
                many, JSON.writeValueAsString(view), UUID.fromString(id));
        open("/audit/impact/" + many);
        assertThat(driver.findElements(By.cssSelector("#affected li")).stream()
                .map(li -> li.getAttribute("data-decision")).toList())
                .isEqualTo(ids.subList(0, ImpactPagesController.LISTED_DECISIONS));
        long more = 4321 - ImpactPagesController.LISTED_DECISIONS;
        assertThat(driver.findElement(By.id("affected-more")).getAttribute("data-more")).isEqualTo(String.valueOf(more));
        assertThat(text(By.id("affected-more"))).isEqualTo("and 4,271 more — download the CSV of transitions");
        assertThat(driver.findElement(By.id("affected-more-csv")).getAttribute("href"))
                .endsWith("/audit/impact/" + many + "/transitions.csv");
        screenshot("impact-many-en");
        switchLanguage();
        assertThat(text(By.id("affected-more"))).isEqualTo("y 4.271 más — descargar el CSV de transiciones");
        screenshot("impact-many-es");
        switchLanguage();

        // A running analysis (stored by the node running it, its heartbeat fresh): the progress bar, the rate and
        // the time left; htmx polls the progress part, which says to reload the page once the analysis ended.
        UUID running = UUID.randomUUID();
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                + " created_at, heartbeat_at, view) select ?, 'RUNNING', candidate_version, candidate_sha256, 40, 10,"
                + " now(), now(), ? from impact_analysis where id = ?", running, """
                {"id": "%s", "state": "RUNNING", "candidate": {"version": "candidate", "sha256": "%s"},
                 "total": 40, "processed": 10, "percentDone": 25.0, "ratePerSecond": 5.0}
                """.formatted(running, "a".repeat(64)), UUID.fromString(id));
        open("/audit/impact/" + running);
        assertThat(text(By.id("state"))).isEqualTo("Running");
        assertThat(driver.findElement(By.id("progress-bar")).getAttribute("value")).startsWith("25");
        assertThat(text(By.id("progress-counts"))).isEqualTo("10 of 40 decisions re-evaluated, 5 a second");
        assertThat(text(By.id("time-left"))).isEqualTo("About 6 seconds left");
        assertThat(driver.findElement(By.id("progress")).getAttribute("hx-get")).isEqualTo("/audit/impact/" + running);
        session = driver.manage().getCookieNamed("JSESSIONID").getValue();
        Response poll = get("/audit/impact/" + running, "Authorization", "", "Cookie", "JSESSIONID=" + session,
                "HX-Request", "true");
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).contains("id=\"progress\"").doesNotContain("<html");
        assertThat(poll.header("HX-Refresh")).isNull();
        jdbc.update("update impact_analysis set state = 'DONE', processed = total, finished_at = now(),"
                + " view = (select replace(view, ?, ?) from impact_analysis where id = ?) where id = ?",
                id, running.toString(), UUID.fromString(id), running);
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("result")).isEmpty());
        waitForHtmx();
        checkAccessibility();
        assertThat(text(By.id("state"))).isEqualTo("Finished");
        assertThat(driver.findElements(notEligible)).isNotEmpty();

        open("/audit/impact/" + stored);
        switchLanguage();
        assertThat(heading()).isEqualTo("Análisis de impacto");
        assertThat(text(By.id("state"))).isEqualTo("Terminado");
        screenshot("impact-es");
        open("/audit/impact");
        assertThat(heading()).isEqualTo("Impacto de un cambio de reglas");
        switchLanguage();
        Files.deleteIfExists(edited);
    }

    @Test
    void aCaseworkerMayNotOpenTheImpactPages() {
        signIn(TestWebUsers.CASEWORKER);
        assertThat(driver.findElements(By.cssSelector("a[href='/audit/impact']"))).isEmpty();
        String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
        for (String path : new String[] {"/audit/impact", "/audit/impact/" + UUID.randomUUID(),
                "/audit/impact/" + UUID.randomUUID() + "/transitions.csv"}) {
            assertThat(get(path, "Authorization", "", "Cookie", "JSESSIONID=" + session).status())
                    .as(path).isEqualTo(403);
        }
    }

    /**
     * The decision is listed among the affected ones, or, where other tests' decisions of the day changed too and
     * the page lists only the first ones, it sorts after the last listed and the rest are counted.
     */
    private void assertAffected(String decision) {
        List<String> listed = driver.findElements(By.cssSelector("#affected li")).stream()
                .map(li -> li.getAttribute("data-decision")).toList();
        if (!listed.contains(decision)) {
            assertThat(listed).as(decision + " is not listed").hasSize(ImpactPagesController.LISTED_DECISIONS);
            assertThat(decision).isGreaterThan(listed.get(listed.size() - 1));
            assertThat(driver.findElements(By.id("affected-more"))).hasSize(1);
        } else if (listed.size() < ImpactPagesController.LISTED_DECISIONS) {
            assertThat(driver.findElements(By.id("affected-more"))).as("every affected decision is listed").isEmpty();
        }
    }

    /** The interface language is remembered per user across runs: start each test in English. */
    private void inEnglish() {
        if ("es".equals(language())) {
            switchLanguage();
        }
    }
}
