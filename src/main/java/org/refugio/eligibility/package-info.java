/**
 * The law as an engine sees it: the fact model ({@code facts}), programs, statuses and findings, and how a
 * ruleset's findings combine into a decision. Entry point: {@link org.refugio.eligibility.EligibilityEngine};
 * Drools stays behind it in {@code eligibility.drools}.
 */
package org.refugio.eligibility;
