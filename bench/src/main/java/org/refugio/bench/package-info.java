/**
 * Benchmark-only endpoints, outside the service's sources (issue 15): compiled only into the jar of the Maven
 * profile {@code load-bench} and active only under the {@code bench} profile that {@code bench/load.sh} starts the
 * packaged jar with: an echo of the screening payload, the ceiling of this stack against which screenings are
 * compared. Nothing else may depend on this package.
 */
package org.refugio.bench;
