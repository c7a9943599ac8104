package org.refugio.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.refugio.support.BrowserTest;
import org.refugio.support.TestWebUsers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An auditor opening a decision purged under the retention policy sees that it was purged and its audit record,
 * not a failed integrity check (axe-core checks the page, in English and Spanish).
 */
class PurgedDecisionPageBrowserTest extends BrowserTest {

    @Autowired
    RetentionJob job;

    @Test
    void anAuditorSeesAPurgedDecisionAsPurged() {
        Response made = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":33}}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().path("id").asText();
        jdbc.update("update screening_decision set decided_at = decided_at - interval '400' day where id = ?",
                java.util.UUID.fromString(id));
        job.purge();

        signIn(TestWebUsers.AUDITOR);
        if ("es".equals(language())) {
            switchLanguage();
        }
        open("/audit/decisions/" + id);
        assertThat(heading()).isEqualTo("Purged decision");
        assertThat(text(By.id("decision-id"))).isEqualTo(id);
        assertThat(text(By.id("purged"))).contains("purged under the retention policy");
        assertThat(driver.findElements(By.id("integrity"))).isEmpty();
        assertThat(driver.findElements(By.id("replay"))).isEmpty();
        assertThat(text(By.id("record-seq"))).matches("\\d+");
        screenshot("audit-decision-purged-en");

        switchLanguage();
        assertThat(heading()).isEqualTo("Decisión depurada");
        screenshot("audit-decision-purged-es");
        switchLanguage();

        // Emptied behind the service's back (no purge record): shown as broken, not as purged.
        Response other = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":34}}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        java.util.UUID emptied = java.util.UUID.fromString(other.json().path("id").asText());
        var row = jdbc.queryForMap("select facts, decision from screening_decision where id = ?", emptied);
        jdbc.update("update screening_decision set facts = null, decision = null, purged_at = current_timestamp"
                + " where id = ?", emptied);
        try {
            open("/audit/decisions/" + emptied);
            assertThat(heading()).isEqualTo("Decision");
            assertThat(driver.findElements(By.id("purged"))).isEmpty();
            assertThat(driver.findElement(By.id("integrity")).getAttribute("data-intact")).isEqualTo("false");
        } finally {
            jdbc.update("update screening_decision set facts = ?, decision = ?, purged_at = null where id = ?",
                    row.get("facts"), row.get("decision"), emptied);
        }
    }
}
