package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/**
 * 10,000 generated malformed or hostile requests (more with -Drefugio.hostile.count=N): none gets a 5xx, every
 * refusal is problem+json, and the database holds a row for exactly the requests that were accepted.
 */
class HostileInputTest extends ApiTest {

    @Test
    void hostileInputNeverBreaksTheServiceAndLeavesNoRowForARefusedRequest() throws Exception {
        int count = Integer.getInteger("refugio.hostile.count", 10_000);
        String actor = "hostile-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        HostileRequests generator = new HostileRequests(Long.getLong("refugio.hostile.seed", 20261126L));
        List<HostileRequests.Hostile> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(generator.next());
        }

        AtomicInteger accepted = new AtomicInteger();
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> pending = new ArrayList<>();
        for (HostileRequests.Hostile hostile : requests) {
            pending.add(pool.submit(() -> {
                Response response = send(HttpRequest.newBuilder(uri("/api/v1/screenings"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(hostile.body()))
                        .header("Content-Type", "application/json"), "Authorization", authorization);
                synchronized (byStatus) {
                    byStatus.merge(hostile.kind() + " -> " + response.status(), 1, Integer::sum);
                }
                String problem = check(response);
                if (problem != null) {
                    synchronized (failures) {
                        failures.add(hostile.kind() + ": " + problem);
                    }
                }
                if (response.status() == 201) {
                    accepted.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        pool.shutdown();

        System.out.println("hostile input: " + count + " requests, " + accepted.get() + " accepted; by kind and status: "
                + byStatus);
        assertThat(failures).as("responses by kind and status: " + byStatus).isEmpty();
        Long rows = jdbc.queryForObject("select count(*) from screening_decision where created_by = ?", Long.class, actor);
        assertThat(rows).as("rows written for this actor").isEqualTo(accepted.get());
        assertThat(byStatus.keySet()).anyMatch(k -> k.endsWith("400")).anyMatch(k -> k.endsWith("422"))
                .anyMatch(k -> k.endsWith("413"));
    }

    private static String check(Response response) {
        if (response.status() >= 500) {
            return "server error " + response.status() + ": " + response.body();
        }
        if (response.status() >= 400) {
            if (response.header("Content-Type") == null || !response.header("Content-Type").startsWith("application/problem+json")) {
                return "error without problem+json: " + response.status() + " " + response.header("Content-Type");
            }
            JsonNode problem = response.json();
            if (problem.path("status").asInt() != response.status() || problem.path("title").asText().isEmpty()) {
                return "malformed problem: " + response.body();
            }
            if (response.body().matches("(?s).*(Exception[:\\s]|\\bat (org|java)\\.|\\bjava\\.lang).*")
                    || response.body().contains("Maria Lopez")) {
                return "problem leaks internals or input: " + response.body();
            }
        }
        return null;
    }
}
