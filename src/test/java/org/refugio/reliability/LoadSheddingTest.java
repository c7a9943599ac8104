package org.refugio.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.refugio.load.PoolSaturationHealthIndicator;
import org.refugio.problem.Shedding;
import org.refugio.support.HttpTest;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestDeployment;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14: a service whose connection pool is exhausted while the database is healthy sheds honestly: 503 "busy"
 * (not "database unavailable") with Retry-After, counted in refugio.requests.shed, and readiness out of service
 * so a load balancer sends work elsewhere; once a connection is free, requests succeed and readiness is back.
 * A pool of two connections (the fewest Flyway starts with), both held by the test, stands for a pool saturated by
 * load.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.hikari.maximum-pool-size=2",
    "spring.datasource.hikari.minimum-idle=2",
    "spring.datasource.hikari.connection-timeout=250",
    "camunda.bpm.job-execution.enabled=false",
    "refugio.audit.seal-interval=0",
    "refugio.load.retry-after-seconds=3"})
class LoadSheddingTest extends HttpTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PoolSaturationHealthIndicator poolSaturation;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestDeployment.register(registry);
    }

    @Test
    void aSaturatedPoolAnswersBusyWithRetryAfterCountsItAndLeavesReadinessUntilAConnectionIsFree() throws Exception {
        String authorization = TestTokens.everyRole();
        assertThat(get("/api/v1/providers", "Authorization", authorization).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", "Authorization", "").status()).isEqualTo(200);
        double shedBefore = shed();

        Response busy;
        Response readiness;
        Response liveness;
        Status saturated;
        try (Connection held = dataSource.getConnection(); Connection alsoHeld = dataSource.getConnection()) {
            busy = get("/api/v1/providers", "Authorization", authorization);
            saturated = poolSaturation.health().getStatus();
            readiness = get("/actuator/health/readiness", "Authorization", "");
            liveness = get("/actuator/health/liveness", "Authorization", "");
        }

        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.header("Content-Type")).startsWith("application/problem+json");
        assertThat(busy.json().path("title").asText()).isEqualTo("busy");
        assertThat(busy.json().path("type").asText()).isEqualTo("urn:problem-type:refugio:busy");
        assertThat(busy.body()).doesNotContainIgnoringCase("database");
        assertThat(busy.header("Retry-After")).isEqualTo("3");
        assertThat(shed()).isEqualTo(shedBefore + 1);
        assertThat(saturated).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(readiness.status()).as("a load balancer sees it").isEqualTo(503);
        assertThat(liveness.status()).as("nothing to restart").isEqualTo(200);

        assertThat(get("/api/v1/providers", "Authorization", authorization).status()).isEqualTo(200);
        assertThat(poolSaturation.health().getStatus()).isEqualTo(Status.UP);
        assertThat(get("/actuator/health/readiness", "Authorization", "").status()).isEqualTo(200);
    }

    private double shed() {
        Counter counter = meters.find(Shedding.METRIC).tag("reason", "pool-timeout").counter();
        return counter == null ? 0 : counter.count();
    }
}
