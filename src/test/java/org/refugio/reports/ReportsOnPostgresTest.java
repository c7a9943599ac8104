package org.refugio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.CaseTest;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.refugio.support.TestWebUsers;

/**
 * The reports over screenings and cases made through the real API on PostgreSQL: the counts are the stored ones,
 * a group of fewer than 11 shows no count, and no output (JSON, CSV, page HTML) holds the person's name, story, date
 * of birth or city.
 */
class ReportsOnPostgresTest extends CaseTest {

    static final String NAME = "Xochiquetzal Itzpapalotl";
    static final String NARRATIVE_WORD = "cempasuchil";
    static final String BIRTH = "1983-07-29";
    static final String CITY = "Tenancingo de Degollado";
    static final List<String> SECRETS = List.of("Xochiquetzal", "Itzpapalotl", NARRATIVE_WORD, BIRTH, "Tenancingo");
    static final String AS_MANAGER = TestTokens.bearer("pm-reports", Role.PROGRAM_MANAGER);

    @Test
    void reportsCountWhatWasStoredSuppressSmallGroupsAndNeverNameAnyone() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "needs PostgreSQL (REFUGIO_TEST_DB_URL or Docker)");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        // Other tests share this database (and some delete decisions to show tampering): compare what moved.
        long screeningsBefore = rollup("SCREENINGS", month, "ALL");
        long storedBefore = storedIn(month, "");
        long t1NotEligibleBefore = rollup("PROGRAM_STATUS", month, "T1_PRINCIPAL:NOT_ELIGIBLE");
        long t1StoredBefore = storedIn(month, "T1_PRINCIPAL");

        // 12 screenings a T-1 cannot come of (smuggling only), made in the city of the secrets.
        ObjectNode smuggling = scenarioFacts("public/10-carlos-smuggling-only.json");
        ((ObjectNode) smuggling.path("person").path("currentLocation")).put("city", CITY);
        for (int i = 0; i < 12; i++) {
            Response made = post("/api/v1/screenings", smuggling, "Authorization", AS_CASEWORKER);
            assertThat(made.status()).as(made.body()).isEqualTo(201);
        }

        // 12 cases of named people with a story, accepted by the provider; 3 of them speak a rare language.
        String rare = "q" + (char) ('a' + new Random().nextInt(20)) + (char) ('a' + new Random().nextInt(26));
        provider("Reports Legal Aid", "NON_LSC", false, List.of("US"), List.of("es", rare), true, true, 50);
        ObjectNode facts = scenarioFacts("public/06-marta-unknown-facts.json");
        ((ObjectNode) facts.path("person").path("currentLocation")).put("city", CITY);
        for (int i = 0; i < 12; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.set("facts", facts);
            body.putObject("identity").put("name", NAME).put("dateOfBirth", BIRTH)
                    .put("narrative", "We crossed near the " + NARRATIVE_WORD + " fields in " + CITY + ".");
            body.putArray("clientLanguages").add(i < 3 ? rare : "es");
            Response opened = post("/api/v1/cases", body, "Authorization", AS_CASEWORKER);
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String caseId = opened.json().path("id").asText();
            confirmReview(caseId);
            String referralId = referral(awaitSent(caseId, 1), 1).path("id").asText();
            assertThat(answer(caseId, referralId, "ACCEPTED", null).status()).isEqualTo(200);
        }

        // The read model (folded counts plus deltas not yet folded) moved with every stored decision, and matches a recount.
        long stored = storedIn(month, "");
        long counted = rollup("SCREENINGS", month, "ALL");
        assertThat(counted - screeningsBefore).isEqualTo(stored - storedBefore).isGreaterThanOrEqualTo(24);
        long t1NotEligible = rollup("PROGRAM_STATUS", month, "T1_PRINCIPAL:NOT_ELIGIBLE");
        assertThat(t1NotEligible - t1NotEligibleBefore).isEqualTo(storedIn(month, "T1_PRINCIPAL") - t1StoredBefore)
                .isGreaterThanOrEqualTo(12);

        String range = "?fromMonth=" + month + "&toMonth=" + month;
        JsonNode screenings = report("screenings" + range);
        assertThat(screenings.path("threshold").asInt()).isEqualTo(11);
        assertThat(screenings.path("columns").toString()).isEqualTo("[\"" + month + "\",\"TOTAL\"]");
        assertThat(screenings.at("/rows/0/cells/0/value").asLong()).isEqualTo(counted);

        JsonNode programs = report("program-status" + range);
        JsonNode t1 = row(programs, "T1_PRINCIPAL");
        if ("COMPLEMENTARY".equals(t1.at("/cells/3/suppression").asText())) {
            // Other tests' screenings in this shared database can leave a small cell in the T-1 row; the count of 12
            // or more is then hidden beside it, rightly, so that the row's total does not reveal the small one.
            assertThat(t1.path("cells").findValuesAsText("suppression")).contains("PRIMARY");
        } else {
            assertThat(t1.at("/cells/3/value").asLong()).isEqualTo(t1NotEligible);
        }

        // The barriers: every T-1 NOT_ELIGIBLE has its decisive criteria counted.
        JsonNode barriers = report("barriers" + range);
        long decisiveT1 = 0;
        for (JsonNode r : barriers.path("rows")) {
            assertThat(r.path("key").asText()).matches("(T1_PRINCIPAL|U_VISA|LSC_LEGAL_AID):[A-Za-z0-9_.-]+:"
                    + "(NOT_ELIGIBLE|NEEDS_MORE_INFORMATION)");
            if (r.path("key").asText().startsWith("T1_PRINCIPAL:") && r.path("key").asText().endsWith(":NOT_ELIGIBLE")
                    && r.at("/cells/0/suppression").asText().equals("NONE")) {
                decisiveT1 = Math.max(decisiveT1, r.at("/cells/0/value").asLong());
            }
        }
        assertThat(decisiveT1).as("a T-1 criterion decided the 12 smuggling-only screenings").isGreaterThanOrEqualTo(12);

        Timestamp start = Timestamp.from(YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Timestamp end = Timestamp.from(YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC));
        long opened = jdbc.queryForObject("select count(*) from legal_aid_case where opened_at >= ? and opened_at < ?",
                Long.class, start, end);
        long accepted = jdbc.queryForObject("select count(*) from referral where status = 'ACCEPTED' and responded_at >= ?"
                + " and responded_at < ?", Long.class, start, end);
        JsonNode cases = report("cases" + range);
        assertThat(row(cases, "CASES_OPENED").at("/cells/0/value").asLong()).isEqualTo(opened);
        assertThat(row(cases, "REFERRALS_ACCEPTED").at("/cells/0/value").asLong()).isEqualTo(accepted);
        JsonNode time = report("time-to-acceptance" + range);
        assertThat(time.at("/totals/cells/0/value").asLong()).isEqualTo(accepted);
        assertThat(time.at("/totals/cells/1/value").isNumber()).as("a median over 11 or more").isTrue();

        // Three people speak the rare language this month: their row shows no count, only "<11".
        JsonNode languages = report("person-languages" + range);
        JsonNode rareRow = row(languages, rare);
        assertThat(rareRow.at("/cells/0/shown").asText()).isEqualTo("<11");
        assertThat(rareRow.at("/cells/0/suppression").asText()).isEqualTo("PRIMARY");
        assertThat(rareRow.at("/cells/0/value").isMissingNode() || rareRow.at("/cells/0/value").isNull()).isTrue();
        assertThat(rareRow.at("/cells/1/shown").asText()).isEqualTo("<11");

        // No output names anyone: every report as JSON and CSV, and both pages.
        List<String> outputs = new ArrayList<>();
        for (String name : Reports.NAMES) {
            Response json = get("/api/v1/reports/" + name + range, "Authorization", AS_MANAGER);
            assertThat(json.status()).as(name + ": " + json.body()).isEqualTo(200);
            Response csv = get("/api/v1/reports/" + name + range, "Authorization", AS_MANAGER, "Accept", "text/csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("key,");
            assertNoSmallCount(json.json());
            outputs.add(name + " json: " + json.body());
            outputs.add(name + " csv: " + csv.body());
        }
        String csvRare = get("/api/v1/reports/person-languages" + range + "&format=csv", "Authorization", AS_MANAGER).body();
        assertThat(csvRare).contains(rare + ",<11,<11");
        String cookie = signIn(TestWebUsers.PROGRAM_MANAGER);
        for (String page : List.of("/reports" + range, "/reports/barriers" + range, "/reports/download/barriers" + range)) {
            HttpResponse<String> html = fetch(page, cookie);
            assertThat(html.statusCode()).as(page).isEqualTo(200);
            outputs.add(page + ": " + html.body());
        }
        // No id of anything stored: decision, case, referral, provider. (Not "no UUID at all": providers' names are
        // the directory's labels, and other tests sharing this database name theirs with random UUIDs.)
        Set<String> ids = new HashSet<>();
        for (String table : List.of("screening_decision", "legal_aid_case", "referral", "legal_aid_provider")) {
            ids.addAll(jdbc.queryForList("select cast(id as varchar) from " + table, String.class));
        }
        for (String output : outputs) {
            String what = output.substring(0, Math.min(60, output.length()));
            for (String secret : SECRETS) {
                assertThat(output).as(what).doesNotContainIgnoringCase(secret);
            }
            Matcher uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(output);
            while (uuid.find()) {
                assertThat(ids).as(what + ": an id of a stored record").doesNotContain(uuid.group());
            }
        }
    }

    private long rollup(String dimension, String month, String item) {
        // The folded counts plus the deltas the folder has not taken yet, in one statement (one snapshot).
        Long n = jdbc.queryForObject("select coalesce((select sum(n) from report_screening_month where dimension = ?"
                + " and report_month = ? and item = ?), 0) + (select count(*) from report_screening_delta"
                + " where dimension = ? and report_month = ? and item = ?)", Long.class,
                dimension, month, item, dimension, month, item);
        return n == null ? 0 : n;
    }

    private JsonNode report(String pathAndQuery) {
        Response response = get("/api/v1/reports/" + pathAndQuery, "Authorization", AS_MANAGER);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode r : report.path("rows")) {
            if (r.path("key").asText().equals(key)) {
                return r;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    /** No shown count, anywhere, from 1 to 10. */
    private static void assertNoSmallCount(JsonNode report) {
        List<JsonNode> rows = new ArrayList<>();
        report.path("rows").forEach(rows::add);
        if (report.hasNonNull("totals")) {
            rows.add(report.path("totals"));
        }
        boolean measures = report.path("name").asText().equals("time-to-acceptance");
        for (JsonNode r : rows) {
            int i = 0;
            for (JsonNode cell : r.path("cells")) {
                if (measures && i++ > 0) {
                    continue;
                }
                if (cell.path("value").isNumber()) {
                    assertThat(Suppression.small(cell.path("value").asLong())).as(report.path("name") + " " + r).isFalse();
                }
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private String signIn(String user) throws Exception {
        HttpResponse<String> page = fetch("/signin", null);
        String cookie = session(page);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestWebUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri("/signin"))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        String after = session(signedIn);
        return after == null ? cookie : after;
    }

    private HttpResponse<String> fetch(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";")[0]).findFirst().orElse(null);
    }

    /** Stored decisions of the month; with a program, those NOT_ELIGIBLE for it. */
    private long storedIn(String month, String notEligibleFor) {
        YearMonth m = YearMonth.parse(month);
        Timestamp start = Timestamp.from(m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Timestamp end = Timestamp.from(m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return notEligibleFor.isEmpty()
                ? jdbc.queryForObject("select count(*) from screening_decision where decided_at >= ? and decided_at < ?",
                        Long.class, start, end)
                : jdbc.queryForObject("select count(*) from screening_program_outcome o join screening_decision d"
                        + " on d.id = o.decision_id where o.program = ? and o.status = 'NOT_ELIGIBLE'"
                        + " and d.decided_at >= ? and d.decided_at < ?", Long.class, notEligibleFor, start, end);
    }
}
