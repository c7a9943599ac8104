package org.refugio.load;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.refugio.problem.Shedding;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code refugio.load.max-concurrent-requests} API requests ({@code /api/}) work at once; the others wait
 * in arrival order (a fair semaphore) for up to {@code refugio.load.queue-timeout}, instead of all competing for
 * the database pool, whose short timeout is meant for outages. A request still waiting after that is answered
 * 503 "busy" with Retry-After and counted (reason queue-timeout). Keep the limit below the pool size so the
 * workflow engine's job executor and the audit sealer find connections too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;
    private final Duration queueTimeout;
    private final Shedding shedding;
    private final ObjectMapper json;

    public ConcurrencyLimitFilter(@Value("${refugio.load.max-concurrent-requests:16}") int limit,
                                  @Value("${refugio.load.queue-timeout:10s}") Duration queueTimeout,
                                  Shedding shedding, ObjectMapper json) {
        this.limit = limit;
        this.permits = new Semaphore(Math.max(1, limit), true);
        this.queueTimeout = queueTimeout;
        this.shedding = shedding;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limit <= 0 || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            shedding.shed("queue-timeout");
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(shedding.retryAfterSeconds()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Shedding.busy("Too many requests waiting; nothing was "
                    + "stored. Retry after the Retry-After seconds."));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests working now. */
    public int working() {
        return Math.max(1, limit) - permits.availablePermits();
    }

    /** Every place is taken: the next request waits. */
    public boolean full() {
        return limit > 0 && permits.availablePermits() == 0;
    }

    /** Requests waiting for a place. */
    public int waiting() {
        return permits.getQueueLength();
    }
}
