package org.refugio.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The one error format: RFC 9457 problem details, with the offending fields named by JSON Pointer. */
public final class Problems {

    public static final String INVALID_REQUEST = "urn:problem-type:refugio:invalid-request";
    public static final String INVALID_FACTS = "urn:problem-type:refugio:invalid-facts";
    public static final String INVALID_RULESET = "urn:problem-type:refugio:invalid-ruleset";
    public static final String AUDIT_LOG_DAMAGED = "urn:problem-type:refugio:audit-log-damaged";
    public static final String NOT_FOUND = "urn:problem-type:refugio:not-found";
    public static final String GONE = "urn:problem-type:refugio:gone";
    public static final String CONFLICT = "urn:problem-type:refugio:conflict";
    public static final String UNPROCESSABLE = "urn:problem-type:refugio:request-refused";
    public static final String TOO_LARGE = "urn:problem-type:refugio:payload-too-large";
    public static final String SERVER_ERROR = "urn:problem-type:refugio:server-error";
    public static final String UNAVAILABLE = "urn:problem-type:refugio:service-unavailable";
    /** Too much work at once while the database is healthy: retry after the Retry-After seconds (issue 14). */
    public static final String BUSY = "urn:problem-type:refugio:busy";
    public static final String UNAUTHORIZED = "urn:problem-type:refugio:unauthorized";
    public static final String FORBIDDEN = "urn:problem-type:refugio:forbidden";
    public static final String IDEMPOTENCY_MISMATCH = "urn:problem-type:refugio:idempotency-key-reused";
    public static final String IN_PROGRESS = "urn:problem-type:refugio:request-in-progress";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<Map<String, String>> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public static Map<String, String> fieldError(String pointer, String detail) {
        return Map.of("pointer", pointer, "detail", detail);
    }
}
