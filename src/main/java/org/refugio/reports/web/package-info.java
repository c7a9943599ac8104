/**
 * The report pages (issue 13 item 3): {@code /reports}, the monthly report, and {@code /reports/barriers}, for
 * auditors and program managers. Each report is a chart drawn locally with ECharts (WebJar) from the accessible
 * table under it; every count comes suppressed from {@link org.refugio.reports.Reports}.
 */
package org.refugio.reports.web;
