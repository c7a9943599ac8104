package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.refugio.support.CaseTest;

/** An intake system polling a case gets 304 while nothing changed, and the new case as soon as something did. */
class CaseEtagTest extends CaseTest {

    @Test
    void aCaseReadWithItsEtagIsNotModifiedUntilTheCaseChanges() {
        provider("Etag Legal Aid", "LSC", true, List.of("US-TX"), List.of("en", "es"), true, true, 5);
        String caseId = openedCase(scenarioFacts("public/01-juan-debt-bondage-farm-labor.json"), "es")
                .path("id").asText();
        String path = "/api/v1/cases/" + caseId;

        Response first = get(path);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        Response unchanged = get(path, "If-None-Match", etag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        confirmReview(caseId);
        Response changed = get(path, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.json().path("id").asText()).isEqualTo(caseId);
    }
}
