package org.refugio.audit;

/**
 * The log cannot be appended to because a record sits where the next one must go: someone wrote to the log
 * behind the service's back. Nothing is stored until an operator has investigated (GET /api/v1/audit/verify).
 */
public class AuditLogDamagedException extends RuntimeException {

    public AuditLogDamagedException(long seq) {
        super("audit record " + seq + " already exists beyond the chain head");
    }

    public AuditLogDamagedException(long seq, String what) {
        super(what.startsWith("pending") ? what : "audit record " + seq + " " + what);
    }

    /** Refused while the sealer has found the log damaged ({@link AuditSealer#damaged()}). */
    public AuditLogDamagedException(String message) {
        super(message);
    }
}
