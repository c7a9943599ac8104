package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.HttpTest;
import org.refugio.support.PrivatePostgres;
import org.refugio.support.TestDeployment;
import org.refugio.support.TakenAwayAfterTheService;
import org.refugio.support.TestTokens;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL itself crashes under load (the server stopped at once, every connection cut, recovery on the next
 * start) — on a server of the test's own, so no other test loses its database. Meanwhile requests get a clean 503
 * problem and readiness is down; after the restart the service recovers without being restarted, and every
 * acknowledged screening survived the server's crash recovery. (The line cut with the server up is
 * DatabaseOutageTest.)
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@Import(TakenAwayAfterTheService.class)
class PostgresRestartTest extends HttpTest {

    static PrivatePostgres server;

    @DynamicPropertySource
    static void onAServerOfItsOwn(DynamicPropertyRegistry registry) throws Exception {
        TestDeployment.register(registry);
        // CI (.ci/run) runs where the server binaries are installed; only a developer's machine without them skips.
        server = PrivatePostgres.startAsDataSource(registry);
        TakenAwayAfterTheService.register(registry, server);
    }

    @Test
    void aServerCrashGivesCleanRetryableErrorsAndLosesNothingAcknowledged() throws Exception {
        assumeTrue(server != null, "needs the PostgreSQL server binaries");
        String actor = "pg-restart-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> otherErrors = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    Response r = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":41}}",
                            "Authorization", authorization);
                    if (r.status() == 201) {
                        acknowledged.add(r.json().path("id").asText());
                    } else if (r.status() == 503 && r.header("Content-Type").startsWith("application/problem+json")) {
                        unavailable.incrementAndGet();
                    } else {
                        synchronized (otherErrors) {
                            otherErrors.add(r.status() + " " + r.body());
                        }
                    }
                }
            }));
        }
        long warm = System.nanoTime() + 30_000_000_000L;
        while (acknowledged.size() < 20 && System.nanoTime() < warm) {
            Thread.sleep(100);
        }
        int beforeCrash = acknowledged.size();

        server.crash();
        Thread.sleep(4000);
        Response readiness = get("/actuator/health/readiness", "Authorization", "");
        Response during = post("/api/v1/screenings", "{}", "Authorization", authorization);
        server.start();

        long deadline = System.nanoTime() + 60_000_000_000L;
        int afterRestart = acknowledged.size();
        while (acknowledged.size() <= afterRestart + 10 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        running.set(false);
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        String counts = "acknowledged " + acknowledged.size() + " (before the crash " + beforeCrash
                + ", at the restart " + afterRestart + "), 503 " + unavailable.get() + ", other " + otherErrors;
        System.out.println("postgresql crash and restart: " + counts);
        assertThat(beforeCrash).as(counts).isPositive();
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Content-Type")).startsWith("application/problem+json");
        assertThat(otherErrors).as(counts).isEmpty();
        assertThat(acknowledged.size()).as("recovered without a restart of the service").isGreaterThan(afterRestart + 10);
        assertThat(get("/actuator/health/readiness", "Authorization", "").status()).isEqualTo(200);
        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "select cast(id as varchar) from screening_decision where created_by = ?", String.class, actor));
        assertThat(stored).as("every acknowledged screening survived the server's crash recovery")
                .containsAll(acknowledged);
        assertThat(stored.size()).isLessThanOrEqualTo(acknowledged.size() + unavailable.get());
    }
}
