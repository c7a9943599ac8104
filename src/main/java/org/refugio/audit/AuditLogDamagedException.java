package org.refugio.audit;

import org.refugio.problem.Problems;
import org.refugio.problem.RefusedToWriteException;

/**
 * The log cannot be appended to because a record sits where the next one must go: someone wrote to the log
 * behind the service's back. Nothing is stored until an operator has investigated (GET /api/v1/audit/verify).
 */
public class AuditLogDamagedException extends RefusedToWriteException {

    private static final String DETAIL = "The audit log holds a record the service did not write, so nothing can be"
            + " recorded or stored until it is investigated (GET /api/v1/audit/verify names the record).";

    public AuditLogDamagedException(long seq) {
        this("audit record " + seq + " already exists beyond the chain head");
    }

    public AuditLogDamagedException(long seq, String what) {
        this(what.startsWith("pending") ? what : "audit record " + seq + " " + what);
    }

    /** Refused while the sealer has found the log damaged ({@link AuditSealer#damaged()}). */
    public AuditLogDamagedException(String message) {
        super(message, Problems.AUDIT_LOG_DAMAGED, "Audit log damaged", DETAIL);
    }
}
