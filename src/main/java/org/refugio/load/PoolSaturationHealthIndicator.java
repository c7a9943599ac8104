package org.refugio.load;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.refugio.problem.Shedding;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code poolSaturation} in the readiness group): OUT_OF_SERVICE while the database connection pool
 * is saturated, so a load balancer sends work elsewhere; liveness is untouched (nothing to restart). Saturated
 * means more threads waiting for a connection than {@code refugio.load.readiness.max-pending}, or every
 * connection (or every place of {@link ConcurrencyLimitFilter}) in use while a request was shed "busy" within
 * {@code refugio.load.readiness.shed-window}. Back UP as soon as a connection and a place are free again. A
 * database that is down is the {@code db} indicator's to report.
 */
@Component("poolSaturation")
public class PoolSaturationHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final Shedding shedding;
    private final ConcurrencyLimitFilter limiter;
    private final int maxPending;
    private final Duration shedWindow;

    public PoolSaturationHealthIndicator(DataSource dataSource, Shedding shedding, ConcurrencyLimitFilter limiter,
                                         @Value("${refugio.load.readiness.max-pending:8}") int maxPending,
                                         @Value("${refugio.load.readiness.shed-window:5s}") Duration shedWindow) {
        super("Connection pool saturation check failed");
        this.dataSource = dataSource;
        this.shedding = shedding;
        this.limiter = limiter;
        this.maxPending = maxPending;
        this.shedWindow = shedWindow;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        HikariPoolMXBean pool = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() : null;
        builder.withDetail("requestsWorking", limiter.working()).withDetail("requestsQueued", limiter.waiting());
        boolean shedRecently = shedding.shedWithin(shedWindow);
        if (pool == null) {
            if (shedRecently && limiter.full()) {
                builder.outOfService().withDetail("reason", "busy: every place for API requests is taken");
            } else {
                builder.up();
            }
            return;
        }
        int active = pool.getActiveConnections();
        int idle = pool.getIdleConnections();
        int pending = pool.getThreadsAwaitingConnection();
        int max = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        builder.withDetail("active", active).withDetail("idle", idle).withDetail("max", max)
                .withDetail("pending", pending);
        boolean allInUse = idle == 0 && active >= max;
        if (pending > maxPending || (allInUse && shedRecently)) {
            builder.outOfService().withDetail("reason", "busy: the connection pool is saturated");
        } else if (shedRecently && limiter.full()) {
            builder.outOfService().withDetail("reason", "busy: every place for API requests is taken");
        } else {
            builder.up();
        }
    }
}
