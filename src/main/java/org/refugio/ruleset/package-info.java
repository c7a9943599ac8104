/**
 * Rulesets by version and content hash: the one place that loads {@code rules/}, keeps every ruleset that made a
 * decision, and describes it ({@code /api/v1/rulesets}). Entry point: {@link org.refugio.ruleset.Rulesets}.
 */
package org.refugio.ruleset;
