package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ServiceProcess;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * kill -9 while requests are in flight, then start again: every acknowledged screening or case is there, a client
 * retrying every request with its Idempotency-Key gets exactly one screening or case per key (the acknowledged
 * ones with the answer it already had), and every case stands in a wait state of its workflow.
 */
class CrashRecoveryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int REQUESTS = 400;
    static final int ACKNOWLEDGED_BEFORE_THE_KILL = 60;
    /** Where a case waits once it has been screened and routed (LA-01: it is referred whatever else happens). */
    static final Set<String> WAIT_STATES = Set.of("REVIEW_REFERRAL", "RESOLVE_ESCALATION", "GATHER_MISSING_FACTS");

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noAcknowledgedScreeningIsLostAndNoneIsDuplicatedAcrossAKill() throws Exception {
        String[] pg = postgres();
        String actor = "crash-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        String body = "{\"person\":{\"ageEstimate\":33,\"citizenship\":\"NONCITIZEN\"}}";

        Map<String, String> acknowledged = crashAndRetry("crash-recovery-screenings.log",
                (port, key) -> post(port, "/api/v1/screenings", body, key, authorization));

        List<String> stored = database(pg).queryForList(
                "select cast(id as varchar) from screening_decision where created_by = ?", String.class, actor);
        assertThat(stored).hasSize(REQUESTS).doesNotHaveDuplicates().containsAll(acknowledged.values());

        // Issue 14: each decision's audit entry was written with it, pending, and chained later; a kill between
        // the two loses none and doubles none. Chained or still pending (one statement, one snapshot):
        JdbcTemplate db = database(pg);
        List<String> entries = db.queryForList("select cast(decision_id as varchar) from audit_log"
                + " where action = 'SCREENING_DECIDED' and actor = ? union all select cast(decision_id as varchar)"
                + " from audit_pending where action = 'SCREENING_DECIDED' and actor = ?", String.class, actor, actor);
        assertThat(entries).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        // Started again, an auditor's verification chains whatever waited and the chain holds.
        try (ServiceProcess service = new ServiceProcess(Path.of("target", "crash-recovery-audit.log"))) {
            service.start();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.port() + "/api/v1/audit/verify"))
                    .header("Authorization", TestTokens.bearer("crash-auditor", Role.AUDITOR)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("verified").asBoolean()).as(r.body()).isTrue();
        }
        assertThat(db.queryForList("select cast(decision_id as varchar) from audit_log"
                + " where action = 'SCREENING_DECIDED' and actor = ?", String.class, actor))
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void everyAcknowledgedCaseSurvivesAKillOnceAndWaitsInItsWorkflow() throws Exception {
        String[] pg = postgres();
        String actor = "crash-cases-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        String body = "{\"facts\":{\"person\":{\"ageEstimate\":33,\"citizenship\":\"NONCITIZEN\"}},"
                + "\"clientLanguages\":[\"es\"]}";

        Map<String, String> acknowledged = crashAndRetry("crash-recovery-cases.log",
                (port, key) -> post(port, "/api/v1/cases", body, key, authorization));

        JdbcTemplate db = database(pg);
        List<String> stored = db.queryForList(
                "select cast(id as varchar) from legal_aid_case where opened_by = ?", String.class, actor);
        assertThat(stored).hasSize(REQUESTS).doesNotHaveDuplicates().containsAll(acknowledged.values());
        try (ServiceProcess service = new ServiceProcess(Path.of("target", "crash-recovery-cases.log"))) {
            service.start();
            for (String caseId : stored) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + service.port() + "/api/v1/cases/" + caseId))
                        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode legalAidCase = JSON.readTree(r.body());
                assertThat(legalAidCase.path("status").asText()).isEqualTo("REFERRAL_PENDING");
                List<String> steps = new ArrayList<>();
                legalAidCase.path("currentSteps").forEach(step -> steps.add(step.asText()));
                assertThat(steps).as("case " + caseId).isNotEmpty().allMatch(WAIT_STATES::contains);
            }
        }
    }

    /**
     * Sends every request once from 8 clients, kills the service after some are acknowledged, starts it again
     * and retries every request with its key as a client that never saw an answer would.
     */
    private Map<String, String> crashAndRetry(String log, BiFunction<Integer, String, HttpRequest> request)
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        try (ServiceProcess service = new ServiceProcess(Path.of("target", log))) {
            service.start();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (String key : keys) {
                sent.add(pool.submit(() -> {
                    if (killed.get()) {
                        return;
                    }
                    try {
                        HttpResponse<String> r = http.send(request.apply(service.port(), key),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.put(key, JSON.readTree(r.body()).path("id").asText());
                        }
                    } catch (Exception cut) {
                        // The process died under this request: its outcome is unknown to the client.
                    }
                }));
            }
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_THE_KILL) {
                Thread.sleep(20);
            }
            service.kill();
            killed.set(true);
            System.out.println(log + ": audit entries pending (appended, not yet chained) at the kill: "
                    + database(postgres()).queryForObject("select count(*) from audit_pending", Long.class));
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();
            System.out.println(log + ": " + acknowledged.size() + " of " + REQUESTS
                    + " requests acknowledged before kill -9; every one retried after the restart");
            assertThat(acknowledged.size()).as("requests acknowledged before the kill").isLessThan(REQUESTS);

            service.start();
            for (String key : keys) {
                HttpResponse<String> r = http.send(request.apply(service.port(), key),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                String id = JSON.readTree(r.body()).path("id").asText();
                if (acknowledged.containsKey(key)) {
                    assertThat(id).as("the retry of an acknowledged request").isEqualTo(acknowledged.get(key));
                }
            }
        }
        return acknowledged;
    }

    private static String[] postgres() {
        String[] pg = TestDatabase.postgresAddress();
        assumeTrue(pg != null, "needs PostgreSQL");
        return pg;
    }

    private static JdbcTemplate database(String[] pg) {
        return new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/" + pg[2],
                System.getenv().getOrDefault("REFUGIO_TEST_DB_USER", "postgres"),
                System.getenv().getOrDefault("REFUGIO_TEST_DB_PASSWORD", "")));
    }

    private static HttpRequest post(int port, String path, String body, String key, String authorization) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", key)
                .build();
    }
}
