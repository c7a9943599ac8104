package org.refugio.problem;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Work the service refused because it was busy, not broken (issue 14): a request that waited too long for a
 * database connection while the database itself answers, or for a place among the requests allowed to run at once.
 * Each is answered 503 "busy" with {@code Retry-After} and counted in {@code refugio.requests.shed} (tag
 * {@code reason}); readiness reads {@link #shedWithin(Duration)} to tell a load balancer.
 */
@Component
public class Shedding {

    public static final String METRIC = "refugio.requests.shed";

    private final ObjectProvider<MeterRegistry> registry;
    private final int retryAfterSeconds;
    private final AtomicLong lastShedNanos = new AtomicLong();
    private volatile boolean everShed;

    public Shedding(ObjectProvider<MeterRegistry> registry,
                    @Value("${refugio.load.retry-after-seconds:2}") int retryAfterSeconds) {
        this.registry = registry;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Counts one shed request; {@code reason} is a short constant (pool-timeout, queue-timeout, conflict). */
    public void shed(String reason) {
        lastShedNanos.set(System.nanoTime());
        everShed = true;
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            meters.counter(METRIC, "reason", reason).increment();
        }
    }

    /** Whether a request was shed within the last {@code window}. */
    public boolean shedWithin(Duration window) {
        return everShed && System.nanoTime() - lastShedNanos.get() <= window.toNanos();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }


    /** The problem of a busy answer. */
    public static ProblemDetail busy(String detail) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.BUSY, "busy", detail);
    }
}
