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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ServiceProcess;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * kill -9 while requests are in flight, then start again: every acknowledged screening is there, and a client
 * retrying every request with its Idempotency-Key gets exactly one screening per key, the acknowledged ones
 * with the answer it already had.
 */
class CrashRecoveryIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nothingAcknowledgedIsLostAndNothingIsDuplicatedAcrossAKill() throws Exception {
        String[] pg = TestDatabase.postgresAddress();
        assumeTrue(pg != null, "needs PostgreSQL");
        String actor = "crash-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        HttpClient http = HttpClient.newHttpClient();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();

        try (ServiceProcess service = new ServiceProcess(Path.of("target", "crash-recovery-service.log"))) {
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
                        HttpResponse<String> r = http.send(screening(service.port(), key, authorization),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.put(key, JSON.readTree(r.body()).path("id").asText());
                        }
                    } catch (Exception cut) {
                        // The process died under this request: its outcome is unknown to the client.
                    }
                }));
            }
            while (acknowledged.size() < 60) {
                Thread.sleep(20);
            }
            service.kill();
            killed.set(true);
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();

            service.start();
            for (String key : keys) {
                HttpResponse<String> r = http.send(screening(service.port(), key, authorization),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                String id = JSON.readTree(r.body()).path("id").asText();
                if (acknowledged.containsKey(key)) {
                    assertThat(id).as("the retry of an acknowledged request").isEqualTo(acknowledged.get(key));
                }
            }
        }

        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/" + pg[2],
                System.getenv().getOrDefault("REFUGIO_TEST_DB_USER", "postgres"),
                System.getenv().getOrDefault("REFUGIO_TEST_DB_PASSWORD", "")));
        List<String> stored = db.queryForList("select cast(id as varchar) from screening_decision where created_by = ?",
                String.class, actor);
        assertThat(stored).hasSize(keys.size()).doesNotHaveDuplicates().containsAll(acknowledged.values());
    }

    private static HttpRequest screening(int port, String key, String authorization) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/screenings"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"person\":{\"ageEstimate\":33,\"citizenship\":\"NONCITIZEN\"}}"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", key)
                .build();
    }
}
