package org.refugio.audit;

import org.refugio.audit.analysis.ChangedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.RulesFired;
import org.refugio.support.TestDeployment;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

class AuditApiTest extends ApiTest {

    static final String WITH_PERSONAL_DATA = """
            {"asOfDate": "2026-11-20",
             "person": {"ageEstimate": 34, "citizenship": "NONCITIZEN", "nationality": "HN",
                        "immigrationStatus": "PAROLE",
                        "currentLocation": {"country": "US", "usState": "TX", "city": "Brownsville-Secret-Street"}},
             "family": [{"id": "Maria-Lopez-Daughter", "relationship": "CHILD", "dateOfBirth": "2017-05-01"}],
             "victimizations": [{"kind": "LABOR", "actions": ["OBTAIN"], "means": ["THREATS"],
                                 "purposes": ["DEBT_BONDAGE"], "startDate": "2025-01-01",
                                 "places": [{"country": "US", "usState": "TX", "city": "Harlingen-Farm-Road"}],
                                 "qualifyingCrimes": ["TRAFFICKING"]}]}
            """;

    @Autowired
    AuditTrail trail;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aScreeningLeavesARecordWithRulesCitationsTagsAndOutcomeButNoPersonalData() throws Exception {
        Response made = post("/api/v1/screenings", WITH_PERSONAL_DATA, "Authorization", TestTokens.bearer("caseworker-12", Role.CASEWORKER));
        String id = made.json().path("id").asText();

        auditorSeals();
        Map<String, Object> record = jdbc.queryForMap("select * from audit_log where action = 'SCREENING_DECIDED'"
                + " and decision_id = cast(? as uuid)", id);
        assertThat(record.get("actor")).isEqualTo("caseworker-12");
        assertThat(record.get("subject_id")).isEqualTo(id);
        assertThat(record.get("ruleset_sha256")).isEqualTo(made.json().path("ruleset").path("sha256").asText());
        assertThat(record.get("facts_digest").toString()).matches("[0-9a-f]{64}");
        String detail = record.get("detail").toString();
        assertThat(detail).contains("\"ruleId\":\"T1-01\"", "\"citation\":", "\"tag\":\"V\"",
                "\"program\":\"T1_PRINCIPAL\"", "\"decisionDigest\":");
        JsonNode logged = JSON.readTree(detail);
        for (int i = 0; i < made.json().path("programs").size(); i++) {
            JsonNode p = made.json().path("programs").get(i);
            assertThat(logged.path("programs").get(i).path("program").asText()).isEqualTo(p.path("program").asText());
            assertThat(logged.path("programs").get(i).path("status").asText()).isEqualTo(p.path("status").asText());
            assertThat(logged.path("programs").get(i).path("criteria").size()).isEqualTo(p.path("criteria").size());
        }
        String everything = record.values().toString();
        assertThat(everything).doesNotContain("Maria", "Lopez", "Brownsville", "Harlingen", "PAROLE", "HN\"", "\"34\"");
        // The relative appears by position, never by the id the client gave (here a name).
        assertThat(detail).contains("\"member\":0").doesNotContain("explanation", "question", "ask.");
    }

    @Test
    void auditorsFindDecisionsByProgramStatusRuleRulesetAndTime() {
        Instant start = Instant.now();
        String eligible = post("/api/v1/screenings", ChangedRules.GUATEMALAN_IN_TEXAS).json().path("id").asText();
        String blank = post("/api/v1/screenings", "{}").json().path("id").asText();
        String range = "from=" + start + "&to=" + Instant.now().plusSeconds(1);

        JsonNode all = get("/api/v1/audit/decisions?" + range, "Authorization", TestTokens.bearer("auditor-9", Role.AUDITOR)).json();
        assertThat(ids(all)).containsExactly(blank, eligible);
        assertThat(all.path("totalItems").asLong()).isEqualTo(2);
        assertThat(all.path("items").get(0).path("programs")).hasSize(13);
        assertThat(all.path("items").get(0).path("auditSeq").asLong()).isPositive();

        assertThat(ids(get("/api/v1/audit/decisions?" + range + "&program=MX_HUMANITARIAN_VISITOR&status=NOT_ELIGIBLE")
                .json())).containsExactly(eligible);
        assertThat(ids(get("/api/v1/audit/decisions?" + range + "&ruleId=MX-02").json())).contains(eligible);
        List<String> firedForTheBlank = RulesFired.of(jdbc, blank);
        String firedOnlyForTheFirst = RulesFired.of(jdbc, eligible).stream()
                .filter(rule -> !firedForTheBlank.contains(rule)).sorted().findFirst().orElseThrow();
        assertThat(ids(get("/api/v1/audit/decisions?" + range + "&ruleId=" + firedOnlyForTheFirst.replace("(", "%28")
                .replace(")", "%29")).json())).containsExactly(eligible);
        String version = all.path("items").get(0).path("ruleset").path("version").asText();
        assertThat(ids(get("/api/v1/audit/decisions?" + range + "&rulesetVersion=" + version).json())).hasSize(2);
        assertThat(ids(get("/api/v1/audit/decisions?" + range + "&rulesetVersion=1999.1").json())).isEmpty();

        JsonNode second = get("/api/v1/audit/decisions?" + range + "&page=1&size=1").json();
        assertThat(ids(second)).containsExactly(eligible);
        assertThat(second.path("totalItems").asLong()).isEqualTo(2);

        // Who looked at what: the list, its filters, and the ids it returned.
        auditorSeals();
        String read = jdbc.queryForObject("select detail from audit_log where action = 'AUDIT_READ'"
                + " and actor = 'auditor-9' order by seq desc limit 1", String.class);
        assertThat(read).contains("\"operation\":\"listAuditDecisions\"", blank, eligible);
    }

    @Test
    void oneDecisionInFullHasTheFactsAsTheRulesReadThemAndEveryCriterionWithItsCitation() {
        String id = post("/api/v1/screenings", WITH_PERSONAL_DATA).json().path("id").asText();

        JsonNode full = get("/api/v1/audit/decisions/" + id, "Authorization", TestTokens.bearer("auditor-3", Role.AUDITOR)).json();

        assertThat(full.path("decision").path("id").asText()).isEqualTo(id);
        assertThat(full.path("facts").path("person").path("ageEstimate").asInt()).isEqualTo(34);
        JsonNode person = full.path("factsAsUsed").path("person");
        assertThat(person.path("ageMin").asInt()).isEqualTo(34);
        assertThat(person.has("dateOfBirth")).as("unknown facts are shown as null").isTrue();
        assertThat(person.get("dateOfBirth").isNull()).isTrue();
        for (JsonNode program : full.path("decision").path("programs")) {
            for (JsonNode c : program.path("criteria")) {
                assertThat(c.path("citation").asText()).isNotBlank();
                assertThat(c.path("explanation").path("en").asText()).isNotBlank();
                assertThat(c.path("explanation").path("es").asText()).isNotBlank();
            }
        }
        // Auditors read with personal identifiers redacted, and relatives by position.
        assertThat(full.path("facts").path("family").get(0).path("dateOfBirth").asText()).isEqualTo("[redacted]");
        assertThat(full.path("facts").path("family").get(0).path("id").asText()).isEqualTo("#0");
        assertThat(full.path("facts").path("person").path("currentLocation").path("city").asText()).isEqualTo("[redacted]");
        assertThat(full.path("factsAsUsed").path("family").get(0).path("id").asText()).isEqualTo("#0");
        assertThat(full.path("factsAsUsed").path("family").get(0).path("eighteenthBirthday").asText()).isEqualTo("[redacted]");
        assertThat(full.path("factsAsUsed").path("family").get(0).path("under21Now").asBoolean()).isTrue();
        assertThat(full.path("decision").path("derivatives").get(0).path("memberId").asText()).isEqualTo("#0");
        assertThat(full.path("redacted").toString()).contains("/facts/family/0/dateOfBirth", "/decision/derivatives/0/memberId");
        String body = get("/api/v1/audit/decisions/" + id).body();
        assertThat(body).doesNotContain("Maria", "Lopez", "Brownsville", "Harlingen", "2017-05-01");
        assertThat(full.path("integrity").path("recordIntact").asBoolean()).isTrue();
        assertThat(full.path("integrity").path("factsMatch").asBoolean()).isTrue();
        assertThat(full.path("integrity").path("decisionMatches").asBoolean()).isTrue();
        assertThat(full.path("record").path("action").asText()).isEqualTo("SCREENING_DECIDED");
        auditorSeals();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'AUDIT_READ' and actor = 'auditor-3'"
                + " and decision_id = cast(? as uuid)", Long.class, id)).isOne();

        JsonNode replay = get("/api/v1/audit/decisions/" + id + "/replay").json();
        assertThat(replay.path("original").path("decision").path("derivatives").get(0).path("memberId").asText())
                .isEqualTo("#0");
        assertThat(replay.toString()).doesNotContain("Maria");
    }

    @Test
    void everyAuditorReadIsLogged() {
        String id = post("/api/v1/screenings", "{}").json().path("id").asText();
        String[] reads = {"/api/v1/audit/decisions", "/api/v1/audit/decisions/" + id,
            "/api/v1/audit/decisions/" + id + "/replay", "/api/v1/audit/records?limit=5", "/api/v1/audit/verify?fromSeq=1",
            "/api/v1/audit/export?from=" + Instant.now().minusSeconds(5), "/api/v1/audit/rulesets"};
        for (String path : reads) {
            long before = auditEntriesWritten();
            Response response = get(path, "Authorization", TestTokens.bearer("auditor-5", Role.AUDITOR));
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            Map<String, Object> last = lastAuditEntryWritten("actor, action, detail");
            assertThat(auditEntriesWritten()).as(path).isEqualTo(before + 1);
            assertThat(last.get("action")).isEqualTo("AUDIT_READ");
            assertThat(last.get("actor")).isEqualTo("auditor-5");
        }
        List<String> operations = new ArrayList<>();
        get("/api/v1/audit/records?action=AUDIT_READ&fromSeq=" + (count("audit_log") - 10)).json()
                .forEach(r -> operations.add(r.path("detail").path("operation").asText()));
        assertThat(operations).contains("listAuditDecisions", "getAuditDecision", "replayDecision", "listAuditRecords",
                "verifyAuditChain", "exportAuditRecords", "listRulesetVersions");
    }

    @Test
    void theExportCanBeVerifiedOfflineWithTheKeyAndTheDocumentedCanonicalForm() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        post("/api/v1/screenings", WITH_PERSONAL_DATA);
        post("/api/v1/screenings", "{}");

        Response csv = get("/api/v1/audit/export?from=" + from + "&action=SCREENING_DECIDED");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<List<String>> rows = parseCsv(csv.body());
        assertThat(rows.get(0)).containsExactly("seq", "recorded_at", "actor", "action", "subject_id", "decision_id",
                "ruleset_version", "ruleset_sha256", "facts_digest", "key_id", "prev_digest", "digest", "detail");
        assertThat(rows).hasSize(3);
        // As the README tells an auditor: chain key = HMAC(key, "refugio-audit-chain"); digest = HMAC(chain key,
        // prev_digest + "\n" + canonical JSON of the record).
        byte[] master = Base64.getDecoder().decode(TestDeployment.auditKey());
        byte[] chainKey = hmac(master, "refugio-audit-chain".getBytes(StandardCharsets.UTF_8));
        ObjectMapper plain = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, Object> content = new TreeMap<>();
            content.put("seq", Long.parseLong(row.get(0)));
            content.put("recordedAt", row.get(1));
            content.put("actor", row.get(2));
            content.put("action", row.get(3));
            content.put("subjectId", row.get(4));
            content.put("decisionId", row.get(5));
            content.put("rulesetVersion", row.get(6));
            content.put("rulesetSha256", row.get(7));
            content.put("factsDigest", row.get(8));
            content.put("keyId", row.get(9));
            content.put("detail", plain.readValue(row.get(12), TreeMap.class));
            content.put("v", 1);
            content.values().removeIf(v -> v instanceof String s && s.isEmpty());
            String canonical = plain.writeValueAsString(sortDeep(content));
            String digest = HexFormat.of().formatHex(hmac(chainKey,
                    (row.get(10) + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
            assertThat(digest).as("record " + row.get(0)).isEqualTo(row.get(11));
        }
    }

    @Test
    void parametersOutsideTheContractAreProblemsNamingTheParameter() {
        for (String path : new String[] {"/api/v1/audit/records?limit=0", "/api/v1/audit/decisions?size=1000",
            "/api/v1/audit/verify?fromSeq=0", "/api/v1/audit/records?action=lower"}) {
            Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("pointer").asText())
                    .isEqualTo(path.substring(path.indexOf('?') + 1, path.indexOf('=')));
        }
        assertThat(get("/api/v1/audit/decisions?status=MAYBE").status()).isEqualTo(400);
        assertThat(get("/api/v1/audit/decisions?from=yesterday").status()).isEqualTo(400);
    }

    record WorkflowEvent(String caseId, String route) implements Auditable {
        @Override
        public AuditEntry auditEntry() {
            return AuditEntry.of("ROUTING_DECIDED", caseId).withActor("workflow").withDetail(Map.of("route", route));
        }
    }

    @Test
    void publishedAuditableEventsAreRecordedInThePublishersTransaction() {
        long before = auditEntriesWritten();
        transactions.executeWithoutResult(tx -> events.publishEvent(new WorkflowEvent("case-1", "LSC_RECIPIENT")));
        assertThat(auditEntriesWritten()).isEqualTo(before + 1);
        Map<String, Object> last = lastAuditEntryWritten("*");
        assertThat(last.get("action")).isEqualTo("ROUTING_DECIDED");
        assertThat(last.get("subject_id")).isEqualTo("case-1");
        assertThat(last.get("detail")).isEqualTo("{\"route\":\"LSC_RECIPIENT\"}");

        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new WorkflowEvent("case-2", "NON_LSC_PROVIDER"));
            tx.setRollbackOnly();
        });
        assertThat(auditEntriesWritten()).as("a rolled-back change leaves no record").isEqualTo(before + 1);

        events.publishEvent(new WorkflowEvent("case-3", "MEXICAN_PROVIDER"));
        assertThat(auditEntriesWritten()).as("without a transaction, the record gets its own").isEqualTo(before + 2);
        assertThat(get("/api/v1/audit/verify").json().path("verified").asBoolean()).isTrue();
    }

    @Test
    void theLogRefusesNarrativeText() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trail.record(AuditEntry.of("CASEWORKER_OVERRIDE", "case-3")
                        .withDetail(Map.of("note", "x".repeat(600)))))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trail.record(AuditEntry.of("lower case", "case-3")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Object sortDeep(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put((String) k, sortDeep(v));
                }
            });
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditApiTest::sortDeep).toList();
        }
        return value;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
