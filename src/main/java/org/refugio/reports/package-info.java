/**
 * Aggregate reports for auditors and program managers (issue 13 item 3): screenings, cases and referrals by month,
 * by program and status, by provider and target, by language, time to an accepted referral, declines and
 * escalations by reason, and the barriers report (which criterion of T-1, U and LSC held people back).
 *
 * <p>Entry point: {@link org.refugio.reports.Reports} (pages in {@code reports.web}, the REST operation
 * {@code GET /api/v1/reports/{name}} in {@code ReportController}). Every count goes through
 * {@link org.refugio.reports.Suppression} (no cell under 11, complementary suppression) before anyone sees it.
 * Reads only: the stored decisions (through the read model {@code report_screening_month}, to which the decision's
 * transaction only appends deltas that {@code ScreeningRollupFolder} folds in batches), the case and referral tables and the case events'
 * audit records (action and time only). Writes nothing but its own read model; never the audit tables.
 */
package org.refugio.reports;
