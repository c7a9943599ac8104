package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.HttpTest;
import org.refugio.support.TestDeployment;
import org.refugio.support.TcpProxy;
import org.refugio.support.TakenAwayAfterTheService;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL goes away under load (the line to it is cut) and comes back: meanwhile requests get a clean 503
 * problem and readiness is down; afterwards the service recovers without a restart, and every acknowledged
 * screening is stored.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@Import(TakenAwayAfterTheService.class)
class DatabaseOutageTest extends HttpTest {

    static TcpProxy proxy;

    @DynamicPropertySource
    static void throughAProxy(DynamicPropertyRegistry registry) throws IOException {
        TestDeployment.register(registry);
        String[] pg = TestDatabase.postgresAddress();
        if (pg == null) {
            TestDatabase.register(registry);
            return;
        }
        proxy = new TcpProxy(pg[0], Integer.parseInt(pg[1]));
        TakenAwayAfterTheService.register(registry, proxy);
        TestDatabase.register(registry);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + pg[2]);
    }

    @Test
    void anOutageGivesCleanRetryableErrorsAndLosesNothingAcknowledged() throws Exception {
        assumeTrue(proxy != null, "needs PostgreSQL");
        String actor = "outage-" + System.nanoTime();
        String authorization = TestTokens.bearer(actor, Role.INTAKE);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger otherErrors = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    Response r = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":40}}", "Authorization", authorization);
                    if (r.status() == 201) {
                        acknowledged.add(r.json().path("id").asText());
                    } else if (r.status() == 503 && r.header("Content-Type").startsWith("application/problem+json")) {
                        unavailable.incrementAndGet();
                    } else {
                        otherErrors.incrementAndGet();
                    }
                }
            }));
        }
        long warm = System.nanoTime() + 20_000_000_000L;
        while (acknowledged.size() < 20 && System.nanoTime() < warm) {
            Thread.sleep(100);
        }
        int beforeOutage = acknowledged.size();

        proxy.cut();
        Thread.sleep(4000);
        Response readiness = get("/actuator/health/readiness", "Authorization", "");
        Response during = post("/api/v1/screenings", "{}", "Authorization", authorization);
        proxy.restore();

        long deadline = System.nanoTime() + 30_000_000_000L;
        int afterRestore = acknowledged.size();
        while (acknowledged.size() <= afterRestore + 10 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        running.set(false);
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        String counts = "acknowledged " + acknowledged.size() + " (before outage " + beforeOutage + ", at restore "
                + afterRestore + "), 503 " + unavailable.get() + ", other errors " + otherErrors.get();
        System.out.println("database outage: " + counts);
        assertThat(beforeOutage).as(counts).isPositive();
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Content-Type")).startsWith("application/problem+json");
        assertThat(during.json().path("type").asText()).as("an outage is not 'busy' (issue 14)")
                .isEqualTo("urn:problem-type:refugio:service-unavailable");
        assertThat(unavailable.get()).as(counts).isPositive();
        assertThat(otherErrors.get()).as(counts).isZero();
        assertThat(acknowledged.size()).as("recovered without a restart").isGreaterThan(afterRestore + 10);
        assertThat(get("/actuator/health/readiness", "Authorization", "").status()).isEqualTo(200);
        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "select cast(id as varchar) from screening_decision where created_by = ?", String.class, actor));
        assertThat(stored).containsAll(acknowledged);
        // A request whose connection died during its commit got a 503 although it may have committed; a client
        // retrying it with its Idempotency-Key would get the stored answer. Nothing else may appear.
        assertThat(stored.size()).isLessThanOrEqualTo(acknowledged.size() + unavailable.get());
    }
}
