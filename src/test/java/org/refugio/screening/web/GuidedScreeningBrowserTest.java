package org.refugio.screening.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;

/**
 * The guided screening in a real browser (issue 11 items 2-4, 7): a caseworker screens a public scenario answering
 * only what the pages ask, from the scenario's facts ("I don't know" where the scenario leaves a fact out), saves,
 * and the result cards carry the scenario's expected statuses; the person's summary prints in either language.
 * axe-core checks every page.
 */
class GuidedScreeningBrowserTest extends BrowserTest {

    static final Path SCENARIOS = Path.of("src/test/resources/scenarios/public");

    @Test
    void aGuidedScreeningOfScenario12ReachesItsExpectedCardsAndSummaries() throws IOException {
        JsonNode scenario = scenario("12-");
        signIn(TestWebUsers.CASEWORKER);
        inEnglish();
        Interview interview = interview(scenario.get("facts"), "scenario-12");
        assertThat(interview.questions()).as("questions asked").isLessThanOrEqualTo(30);

        assertThat(path()).matches("/screenings/[0-9a-f-]{36}\\?saved");
        assertThat(heading()).isEqualTo("Screening result");
        Map<String, String> cards = cards();
        scenario.get("expected").get("programs").fields().forEachRemaining(e ->
                assertThat(cards.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asText()));
        assertThat(text(By.id("card-LSC_LEGAL_AID"))).contains("an immigration attorney can review it");
        assertThat(text(By.id("referral"))).contains("a legal-aid provider not funded by LSC");
        screenshot("result-en");
        Object weight = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                + "const r = performance.getEntriesByType('resource');"
                + "return JSON.stringify({document: n.decodedBodySize, transferred: n.transferSize"
                + " + r.reduce((a, e) => a + e.transferSize, 0), decoded: n.decodedBodySize"
                + " + r.reduce((a, e) => a + e.decodedBodySize, 0), resources: r.length});");
        Files.writeString(Path.of("target/result-page-weight.json"), String.valueOf(weight));

        String result = path().replace("?saved", "");
        follow(By.id("summary-en"));
        assertThat(driver.findElement(By.id("person-summary")).getAttribute("lang")).isEqualTo("en");
        assertThat(text(By.id("person-summary"))).doesNotContain("LSC-A-");
        screenshot("summary-en");

        open(result);
        follow(By.id("summary-es"));
        assertThat(driver.findElement(By.id("person-summary")).getAttribute("lang")).isEqualTo("es");
        assertThat(language()).as("the interface stays English").isEqualTo("en");
        assertThat(text(By.id("person-summary"))).contains("Lo que encontramos").contains("Ayuda legal gratuita")
                .doesNotContain("LSC-A-");
        screenshot("summary-es");

        open(result);
        switchLanguage();
        assertThat(heading()).isEqualTo("Resultado de la evaluación");
        assertThat(text(By.id("card-LSC_LEGAL_AID"))).contains("No elegible").contains("un abogado de inmigración");
        screenshot("result-es");
        switchLanguage();
        assertThat(language()).isEqualTo("en");
    }

    @Test
    void iDontKnowStaysUnknownAndTheInterviewResumesWithinTheSession() {
        signIn(TestWebUsers.CASEWORKER);
        inEnglish();
        open("/screenings/new");
        assertThat(heading()).isEqualTo("New screening");
        type(By.name("person.ageEstimate"), "30");
        submit(By.cssSelector("#start-form button[type=submit]"));
        assertThat(heading()).isEqualTo("Follow-up questions");
        screenshot("questions-en");
        switchLanguage();
        assertThat(heading()).isEqualTo("Preguntas de seguimiento");
        assertThat(driver.findElements(By.cssSelector("section.refugio-question"))).isNotEmpty();
        screenshot("questions-es");
        switchLanguage();
        List<WebElement> first = driver.findElements(By.cssSelector("section.refugio-question"));
        assertThat(first).isNotEmpty();
        assertThat(first.get(0).getAttribute("data-code")).as("the first question is not a sensitive one")
                .isNotIn("ask.means", "ask.commercial-sex", "ask.crimes", "ask.labor-purpose", "ask.harm");
        String firstCode = first.get(0).getAttribute("data-code");
        driver.findElement(By.cssSelector("label[for='dk-0']")).click();
        submit(By.id("next"));
        assertThat(driver.findElements(By.cssSelector("section[data-code='" + firstCode + "']")))
                .as("a question answered I don't know is not asked again").isEmpty();

        assertThat(text(By.id("no-relatives"))).contains("No relative is recorded");
        driver.findElement(By.cssSelector("#relatives details summary")).click();
        submit(By.id("add-relative"));
        assertThat(text(By.id("error-summary"))).contains("Choose the relationship");
        assertThat(driver.findElements(By.id("relative-list"))).as("nothing added on an error").isEmpty();
        if (driver.findElements(By.cssSelector("select[name='family[0].relationship']")).isEmpty()) {
            driver.findElement(By.cssSelector("label[for='f-family-0-relationship-0']")).click();
        } else {
            choose(By.name("family[0].relationship"), "SPOUSE");
        }
        type(By.name("family[0].age"), "33");
        submit(By.id("add-relative"));
        assertThat(text(By.cssSelector("#relative-list li[data-member='relative-1']"))).contains("Spouse")
                .contains("age 33");
        assertThat(driver.findElements(By.name("family[1].relationship"))).as("the next relative's form")
                .isNotEmpty();

        open("/");
        open("/screenings/new");
        assertThat(heading()).as("the interview resumes").isEqualTo("Follow-up questions");
        assertThat(driver.findElements(By.cssSelector("#relative-list li[data-member='relative-1']")))
                .as("the relative is kept with the interview").hasSize(1);
        submit(By.cssSelector("#restart-form button"));
        assertThat(heading()).isEqualTo("New screening");
    }

    /** What an interview asked. */
    record Interview(int questions, int pages) { }

    /** Runs the guided screening on facts, answering only what is asked; saves at the end. */
    Interview interview(JsonNode facts, String name) {
        open("/screenings/new");
        answerFields(facts);
        JsonNode asOf = facts.get("asOfDate");
        if (asOf != null) {
            driver.findElement(By.cssSelector("details.refugio-rule-details summary")).click();
            type(By.id("f-asOfDate"), asOf.asText());
        }
        screenshot(name + "-start");
        submit(By.cssSelector("#start-form button[type=submit]"));
        int questions = 0;
        int pages = 0;
        while (driver.findElements(By.id("nothing-more")).isEmpty() && pages < 30) {
            List<WebElement> shown = driver.findElements(By.cssSelector("section.refugio-question"));
            questions += shown.size();
            pages++;
            answerFields(facts);
            submit(By.id("next"));
        }
        submit(By.id("save"));
        return new Interview(questions, pages);
    }

    /** Fills every input on the page whose fact the scenario records; leaves the others unknown. */
    void answerFields(JsonNode facts) {
        for (WebElement input : driver.findElements(By.cssSelector("form input[name], form select[name]"))) {
            String name = input.getAttribute("name");
            String type = input.getAttribute("type");
            if (name.startsWith("dk:") || name.equals("shown") || name.equals("_csrf") || name.equals("asOfDate")
                    || name.equals("action")) {
                continue;
            }
            JsonNode value = at(facts, name.replace("[]", ""));
            if (value == null) {
                continue;
            }
            String own = input.getAttribute("value");
            switch (type == null ? "" : type) {
                case "radio" -> {
                    if (value.asText().equals(own) && !input.isSelected()) {
                        click(input);
                    }
                }
                case "checkbox" -> {
                    boolean want = name.endsWith("[]") ? value.isArray() && value.isEmpty()
                            : value.isArray() && ("__none".equals(own) ? value.isEmpty() : contains(value, own));
                    if (want != input.isSelected()) {
                        click(input);
                    }
                }
                case "hidden", "submit" -> { }
                default -> {
                    if (input.getTagName().equals("select")) {
                        new org.openqa.selenium.support.ui.Select(input).selectByValue(value.asText());
                    } else if (!value.isContainerNode()) {
                        input.clear();
                        input.sendKeys(value.asText());
                    }
                }
            }
        }
    }

    private void click(WebElement input) {
        driver.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']")).click();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The value at a path like victimizations[0].places[0].country, or null. */
    static JsonNode at(JsonNode facts, String path) {
        JsonNode node = facts;
        for (String step : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            if (step.endsWith("]")) {
                node = node.get(step.substring(0, step.indexOf('[')));
                int i = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                node = node != null && node.isArray() && node.size() > i ? node.get(i) : null;
            } else {
                node = node.get(step);
            }
        }
        return node == null || node.isNull() ? null : node;
    }

    Map<String, String> cards() {
        Map<String, String> cards = new LinkedHashMap<>();
        for (WebElement card : driver.findElements(By.cssSelector("#cards li[data-program]"))) {
            cards.put(card.getAttribute("data-program"), card.getAttribute("data-status"));
        }
        return cards;
    }

    static JsonNode scenario(String prefix) throws IOException {
        try (var files = Files.list(SCENARIOS)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            return JSON.readTree(file.toFile());
        }
    }

    /** The interface language is remembered per user across runs: start each test in English. */
    private void inEnglish() {
        if ("es".equals(language())) {
            switchLanguage();
        }
    }
}
