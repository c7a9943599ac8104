package org.refugio.audit;

/**
 * An application event that must leave a record in the audit trail. Publish it with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that makes the change: {@link AuditTrail} records it
 * in that same transaction, so the change and its record commit or roll back together.
 */
public interface Auditable {

    AuditEntry auditEntry();
}
