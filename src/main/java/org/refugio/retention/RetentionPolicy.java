package org.refugio.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deploying organisation's records policy: how long personal data of screenings and cases is kept.
 *
 * @param screenings  age (since the decision) after which a screening that belongs to no case, or only to purged
 *                    cases, is purged; default 365 days
 * @param closedCases age (since closure) after which a closed case is purged, with its screenings; default 2190
 *                    days (about six years)
 * @param enabled     whether the purge job runs at all; default true
 * @param interval    how often the job runs on each node (one node purges at a time); default one hour
 * @param batchSize   how many cases or screenings one transaction purges; default 100
 */
@ConfigurationProperties("refugio.retention")
public record RetentionPolicy(Duration screenings, Duration closedCases, Boolean enabled, Duration interval,
                              Integer batchSize) {

    public RetentionPolicy {
        screenings = screenings == null ? Duration.ofDays(365) : screenings;
        closedCases = closedCases == null ? Duration.ofDays(2190) : closedCases;
        enabled = enabled == null ? Boolean.TRUE : enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 100 : batchSize;
        if (screenings.isNegative() || closedCases.isNegative()) {
            throw new IllegalArgumentException("refugio.retention periods cannot be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("refugio.retention.batch-size must be at least 1");
        }
    }
}
