package org.refugio.audit;

/**
 * The log cannot be appended to because a record sits where the next one must go: someone wrote to the log
 * behind the service's back. Nothing is stored until an operator has investigated (GET /api/v1/audit/verify).
 */
public class AuditLogDamagedException extends RuntimeException {

    public AuditLogDamagedException(long seq) {
        super("audit record " + seq + " already exists beyond the chain head");
    }
}
