/**
 * The decision log (8 U.S.C. 1367: codes, ids and keyed digests, never a person): the chained, append-only audit
 * trail and what auditors do with it (verification, replay with the ruleset of the day, impact analyses). Entry
 * point for other capabilities: {@link org.refugio.audit.AuditTrail} (record an entry in the caller's transaction)
 * or an event implementing {@link org.refugio.audit.Auditable}; auditors use {@code /api/v1/audit/**}.
 */
package org.refugio.audit;
