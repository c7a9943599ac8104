package org.refugio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/**
 * Who reads the reports: auditors and program managers; a program manager reads nothing else (no decision, no
 * case, no person); a caseworker reads no report. Bad ranges and names are problems, never a 500.
 */
class ReportAccessTest extends ApiTest {

    static final String AS_MANAGER = TestTokens.bearer("pm-access", Role.PROGRAM_MANAGER);

    @Test
    void programManagersAndAuditorsReadReportsCaseworkersDoNot() {
        assertThat(get("/api/v1/reports/screenings", "Authorization", AS_MANAGER).status()).isEqualTo(200);
        assertThat(get("/api/v1/reports/barriers", "Authorization", TestTokens.bearer("a", Role.AUDITOR)).status())
                .isEqualTo(200);
        Response caseworker = get("/api/v1/reports/screenings", "Authorization", TestTokens.bearer("c", Role.CASEWORKER));
        assertThat(caseworker.status()).isEqualTo(403);
        assertThat(caseworker.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/api/v1/reports/screenings", "Authorization", "").status()).isEqualTo(401);
    }

    @Test
    void aProgramManagerCannotReadADecisionACaseOrAPerson() {
        Response made = post("/api/v1/screenings", "{}", "Authorization", TestTokens.bearer("i", Role.INTAKE));
        assertThat(made.status()).isEqualTo(201);
        String id = made.json().path("id").asText();
        for (String path : new String[] {"/api/v1/screenings/" + id, "/api/v1/audit/decisions/" + id,
                "/api/v1/audit/decisions", "/api/v1/cases", "/api/v1/cases/" + id, "/api/v1/cases/" + id + "/identity",
                "/api/v1/tasks", "/api/v1/providers", "/api/v1/audit/export"}) {
            assertThat(get(path, "Authorization", AS_MANAGER).status()).as(path).isEqualTo(403);
        }
        assertThat(post("/api/v1/screenings", "{}", "Authorization", AS_MANAGER).status()).isEqualTo(403);
    }

    @Test
    void badNamesRangesAndFormatsAreProblems() {
        Response unknown = get("/api/v1/reports/people", "Authorization", AS_MANAGER);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/api/v1/reports/screenings?fromMonth=2026-13", "Authorization", AS_MANAGER).status())
                .isEqualTo(400);
        assertThat(get("/api/v1/reports/screenings?fromMonth=2026-05&toMonth=2026-01", "Authorization", AS_MANAGER)
                .status()).isEqualTo(400);
        assertThat(get("/api/v1/reports/screenings?fromMonth=2020-01&toMonth=2026-01", "Authorization", AS_MANAGER)
                .status()).isEqualTo(400);
        assertThat(get("/api/v1/reports/screenings?format=xml", "Authorization", AS_MANAGER).status()).isEqualTo(400);
        assertThat(get("/api/v1/reports/Screenings%20x", "Authorization", AS_MANAGER).status()).isIn(400, 404);
    }

    @Test
    void csvByFormatOrAcceptHeader() {
        Response csv = get("/api/v1/reports/screenings?format=csv&fromMonth=2026-01&toMonth=2026-03",
                "Authorization", AS_MANAGER);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("key,2026-01,2026-02,2026-03,TOTAL\r\n");
        Response accepted = get("/api/v1/reports/declines", "Authorization", AS_MANAGER, "Accept", "text/csv");
        assertThat(accepted.header("Content-Type")).startsWith("text/csv");
        Response json = get("/api/v1/reports/declines", "Authorization", AS_MANAGER, "Accept", "application/json");
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().path("name").asText()).isEqualTo("declines");
    }
}
