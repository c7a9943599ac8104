package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestTokens;

/** GET /api/v1/cases (issue 11 item 5): filters, urgent first, a cursor that never repeats or skips a case. */
class CaseListTest extends CaseTest {

    private static final String INTAKE = TestTokens.bearer("intake-system-list", Role.INTAKE);

    @Test
    void pagesThroughEveryCaseOnceUrgentFirstAndFiltersThem() {
        provider("Frontera Legal Aid", "LSC", true, List.of("US-TX"), List.of("es", "en"), false, false, 50);
        provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es", "en"), false, false, 50);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(openedCase(scenarioFacts("public/12-jorge-eviction-no-victimization.json"), "es")
                    .path("id").asText());
        }
        ObjectNode detained = scenarioFacts("public/12-jorge-eviction-no-victimization.json");
        detained.with("person").putObject("removal").put("stage", "IN_PROCEEDINGS").put("detained", true);
        String urgent = openedCase(detained, "es").path("id").asText();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = get("/api/v1/cases?size=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    "Authorization", AS_CASEWORKER);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
            page.json().path("items").forEach(c -> seen.add(c.path("id").asText()));
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().containsAll(opened).contains(urgent);
        assertThat(pages).isGreaterThan(1);

        JsonNode urgentOnly = get("/api/v1/cases?urgent=true&size=100", "Authorization", AS_CASEWORKER).json();
        List<String> urgentIds = new ArrayList<>();
        urgentOnly.path("items").forEach(c -> {
            assertThat(c.path("urgent").asBoolean()).isTrue();
            urgentIds.add(c.path("id").asText());
        });
        assertThat(urgentIds).contains(urgent).doesNotContainAnyElementsOf(opened);

        JsonNode first = get("/api/v1/cases?size=100&status=REFERRAL_PENDING", "Authorization", AS_CASEWORKER).json();
        boolean notUrgentSeen = false;
        for (JsonNode c : first.path("items")) {
            if (!c.path("overdue").asBoolean()) {
                if (!c.path("urgent").asBoolean()) {
                    notUrgentSeen = true;
                } else {
                    assertThat(notUrgentSeen).as("an urgent case after a non-urgent one").isFalse();
                }
            }
        }
    }

    @Test
    void anIntakeSystemSeesOnlyTheCasesItOpenedAndABadCursorIsRefused() {
        ObjectNode body = JSON.createObjectNode();
        body.set("facts", scenarioFacts("public/12-jorge-eviction-no-victimization.json"));
        Response mine = post("/api/v1/cases", body, "Authorization", INTAKE);
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        openedCase(scenarioFacts("public/12-jorge-eviction-no-victimization.json"));

        JsonNode page = get("/api/v1/cases?size=100", "Authorization", INTAKE).json();
        assertThat(page.path("items").size()).isGreaterThanOrEqualTo(1);
        page.path("items").forEach(c -> assertThat(c.path("openedBy").asText()).isEqualTo("intake-system-list"));

        assertThat(get("/api/v1/cases?cursor=not-a-cursor", "Authorization", AS_CASEWORKER).status()).isEqualTo(422);
    }
}
