/**
 * What auditors do with the trail: replay a stored decision with the ruleset of the day and today's
 * ({@link org.refugio.audit.analysis.Replays}), and impact analyses of a changed ruleset over past decisions, run as
 * durable jobs in PostgreSQL ({@link org.refugio.audit.analysis.ImpactAnalyses}). Uses the trail
 * ({@code org.refugio.audit}); the trail knows nothing of it. REST: {@code /api/v1/audit/decisions/{id}/replay} and
 * {@code /api/v1/audit/impact-analyses}.
 */
package org.refugio.audit.analysis;
