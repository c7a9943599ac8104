package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.refugio.scenarios.Scenario;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/**
 * Concurrent clients for a bounded time, valid and invalid screenings mixed: every acknowledged (201) screening is
 * in the database, and nothing else is. Longer: -Drefugio.load.seconds=N -Drefugio.load.clients=N.
 */
class LoadAccountingTest extends ApiTest {

    @Test
    void everyAcknowledgedScreeningIsStoredAndNothingElse() throws Exception {
        int clients = Integer.getInteger("refugio.load.clients", 16);
        long seconds = Long.getLong("refugio.load.seconds", 8);
        String actor = "load-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        List<Scenario> scenarios = Scenario.all();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    boolean valid = random.nextInt(5) != 0;
                    String body = valid ? scenarios.get(random.nextInt(scenarios.size())).facts().toString()
                            : "{\"person\":{\"ageEstimate\":-" + random.nextInt(100) + "}}";
                    Response response = post("/api/v1/screenings", body, "Authorization", authorization);
                    if (response.status() == 201) {
                        acknowledged.add(response.json().path("id").asText());
                    } else if (response.status() == 422 || response.status() == 400) {
                        refused.incrementAndGet();
                    } else {
                        unexpected.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();

        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "select cast(id as varchar) from screening_decision where created_by = ?", String.class, actor));
        System.out.println("load accounting: " + clients + " clients, " + seconds + " s: acknowledged "
                + acknowledged.size() + ", refused " + refused.get() + ", unexpected " + unexpected.get()
                + ", rows stored " + stored.size());
        assertThat(unexpected.get()).isZero();
        assertThat(acknowledged).isNotEmpty();
        assertThat(refused.get()).isPositive();
        assertThat(stored).isEqualTo(acknowledged);
    }
}
