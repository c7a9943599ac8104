/**
 * Retention (issue 15 item 3): stored screenings and closed cases are purged of personal data after the periods
 * the deploying organisation sets ({@code refugio.retention.*}, {@link org.refugio.retention.RetentionPolicy}).
 * Entry point: {@link org.refugio.retention.RetentionJob}, which runs once per cluster, in batches, and records
 * each purge in the audit trail. It uses {@code screening}, {@code cases} and {@code audit}; none of them uses it:
 * each owner offers its own purge method ({@code ScreeningService#purge}, {@code CaseService#purgeClosed}).
 */
package org.refugio.retention;
