/**
 * The decision log (8 U.S.C. 1367: codes, ids and keyed digests, never a person): the chained, append-only audit
 * trail: append, seal, verify, export, and the auditor's reads of decisions. What auditors do with it (replay, impact
 * analyses) lives in {@code org.refugio.audit.analysis}, which this package never uses. Entry
 * point for other capabilities: {@link org.refugio.audit.AuditTrail} (record an entry in the caller's transaction)
 * or an event implementing {@link org.refugio.audit.Auditable}; auditors use {@code /api/v1/audit/**}.
 */
package org.refugio.audit;
