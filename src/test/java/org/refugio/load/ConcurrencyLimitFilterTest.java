package org.refugio.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.refugio.problem.Shedding;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 14: API requests beyond the limit wait their turn instead of failing; one that cannot get a place within
 * the queue timeout is answered 503 "busy" with Retry-After and counted. Pages and the actuator are not limited.
 */
class ConcurrencyLimitFilterTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final Shedding shedding = new Shedding(new StaticListableBeanFactory(
            java.util.Map.of("meters", meters)).getBeanProvider(MeterRegistry.class), 2);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRequestWaitsForAPlaceAndIsShedBusyOnlyWhenNoneFreesInTime() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(300), shedding, json);
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> call(filter,
                "/api/v1/cases", () -> {
                    working.countDown();
                    await(release);
                }));
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.working()).isEqualTo(1);

        MockHttpServletResponse shed = call(filter, "/api/v1/screenings", () -> { });
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getContentType()).startsWith("application/problem+json");
        assertThat(shed.getHeader("Retry-After")).isEqualTo("2");
        JsonNode problem = json.readTree(shed.getContentAsString());
        assertThat(problem.path("title").asText()).isEqualTo("busy");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(meters.counter(Shedding.METRIC, "reason", "queue-timeout").count()).isEqualTo(1);
        assertThat(shedding.shedWithin(Duration.ofMinutes(1))).isTrue();
        PoolSaturationHealthIndicator readiness = new PoolSaturationHealthIndicator(
                new org.springframework.jdbc.datasource.SimpleDriverDataSource(), shedding, filter, 8,
                Duration.ofMinutes(1));
        assertThat(readiness.health().getStatus()).as("every place taken and a request shed")
                .isEqualTo(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE);

        assertThat(call(filter, "/actuator/health/readiness", () -> { }).getStatus()).as("not limited").isEqualTo(200);
        assertThat(call(filter, "/cases", () -> { }).getStatus()).as("pages are not limited").isEqualTo(200);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(readiness.health().getStatus()).as("a place is free again")
                .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(filter.working()).isZero();
    }

    @Test
    void queuedRequestsAreServedInTurnWithoutBeingRefused() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, Duration.ofSeconds(30), shedding, json);
        java.util.List<CompletableFuture<MockHttpServletResponse>> calls = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger atOnce = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        for (int i = 0; i < 64; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> call(filter, "/api/v1/screenings", () -> {
                most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atOnce.decrementAndGet();
            }), clients));
        }
        for (CompletableFuture<MockHttpServletResponse> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        clients.shutdown();
        assertThat(most.get()).isLessThanOrEqualTo(2);
        assertThat(meters.find(Shedding.METRIC).counter()).isNull();
    }

    private static MockHttpServletResponse call(ConcurrencyLimitFilter filter, String path, Runnable work) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(jakarta.servlet.http.HttpServletRequest req,
                                       jakarta.servlet.http.HttpServletResponse res) {
                    work.run();
                    res.setStatus(200);
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
