/**
 * Load shedding (issue 14): under load the service queues or sheds honestly. {@link
 * org.refugio.load.ConcurrencyLimitFilter} lets a bounded number of API requests work at once and queues the rest
 * (503 "busy" with Retry-After only after a bounded wait); {@link org.refugio.load.PoolSaturationHealthIndicator}
 * takes the service out of readiness while the connection pool is saturated. A pool timeout inside a request is
 * answered "busy" by {@link org.refugio.problem.ProblemHandler}; both count in {@code refugio.requests.shed}.
 * Imports only the error format.
 */
package org.refugio.load;
