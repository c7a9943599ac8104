package org.refugio.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to RFC 9457 problem details. Client errors name the offending field by JSON Pointer.
 * Logs never carry request content (8 U.S.C. 1367): only the kind of failure and where in the code it arose.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Shedding shedding;

    public ProblemHandler(Shedding shedding) {
        this.shedding = shedding;
    }

    @ExceptionHandler(RefusedToWriteException.class)
    ProblemDetail refusedToWrite(RefusedToWriteException e) {
        log.error("Refusing to write: {}", e.getMessage());
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.type(), e.title(), e.detail());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(GoneException.class)
    ProblemDetail gone(GoneException e) {
        return Problems.of(HttpStatus.GONE, Problems.GONE, "Gone", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.problems().forEach(p -> errors.add(Problems.fieldError(p.pointer(), p.detail())));
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.type(), e.title(), e.getMessage());
        return errors.isEmpty() ? problem : Problems.withErrors(problem, errors);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                        "Parameter '" + e.parameter() + "' has an invalid value."),
                List.of(Problems.fieldError(e.parameter(), e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                        "Parameter '" + e.getName() + "' has an invalid value."),
                List.of(Problems.fieldError(e.getName(), "invalid value")));
    }

    /** A query parameter outside the contract's bounds (the generated interfaces validate their parameters). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String parameter = "";
            for (Path.Node node : v.getPropertyPath()) {
                parameter = node.getName() == null ? parameter : node.getName();
            }
            errors.add(Problems.fieldError(parameter, v.getMessage()));
        }
        return Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                "A header or parameter is invalid."), errors);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                "A header or parameter has an invalid value.");
    }

    /** The database is unreachable: a clean 503 the client can retry, never a 500, and nothing half-written. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
        TransientDataAccessException.class, CannotGetJdbcConnectionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        if (poolTimedOut(e)) {
            return busy();
        }
        if (diskFull(e)) {
            // SQL state 53100: the database's disk is full. Nothing of the request was kept (its transaction rolled
            // back); an operator must make room, so the retry is later than for a lost connection.
            log.error("Database storage full (SQL state 53100): {}", e.getClass().getName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable",
                            "The database has no room left to store this; nothing was stored. Retry later."));
        }
        log.warn("Database unavailable: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable",
                        "The database cannot be reached; nothing was stored. Retry shortly."));
    }

    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "53100".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * No pool connection came in time although the database answers: the pool's timeout
     * ({@link java.sql.SQLTransientConnectionException}) carries as its cause the last failure to open a connection
     * when there was one (an outage); without a cause, every connection was simply in use. Busy, not broken.
     */
    static boolean poolTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException timeout) {
                return timeout.getCause() == null && timeout.getSQLState() == null;
            }
        }
        return false;
    }

    /**
     * Two requests wanted the same thing at once and this one lost (a provider's last place taken meanwhile, a
     * deadlock the database broke): nothing was stored, and the same request again is the remedy. Busy, not broken.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyFailureException e) {
        return busy("conflict", "Busy: a conflict with a concurrent request (" + e.getClass().getSimpleName()
                + "); answered 503 busy");
    }

    private ResponseEntity<ProblemDetail> busy() {
        return busy("pool-timeout", "Busy: no database connection in time; answered 503 busy");
    }

    private ResponseEntity<ProblemDetail> busy(String reason, String logMessage) {
        shedding.shed(reason);
        log.warn(logMessage);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(shedding.retryAfterSeconds()))
                .body(Shedding.busy("Too many requests at once; nothing was stored. Retry after the Retry-After "
                        + "seconds."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (poolTimedOut(e)) {
            return busy();
        }
        if (databaseUnreachable(e)) {
            return databaseUnavailable(e);
        }
        logWithoutContent(e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.SERVER_ERROR, "Server error", "The request could not be completed; nothing was stored."));
    }

    /**
     * A connection lost in the middle of a transaction surfaces as a failed rollback or commit
     * (TransactionSystemException); SQL state class 08 says the connection, not the request, failed.
     */
    private static boolean databaseUnreachable(Throwable e) {
        if (diskFull(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08"))) {
                return true;
            }
            if (t instanceof org.springframework.transaction.TransactionSystemException) {
                // Commit or rollback itself failed: the transaction system, not the request, is at fault.
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return problem(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.TOO_LARGE, "Payload too large",
                    "The request body is larger than the service accepts."));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Throwable cause = e.getCause();
        String detail = "The request body is not valid JSON for this operation.";
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors.add(Problems.fieldError(pointer(mapping.getPath()), reason(mapping)));
            detail = "A field of the request body is invalid.";
        } else if (cause instanceof JsonProcessingException parsing) {
            errors.add(Problems.fieldError("", "malformed JSON at line " + parsing.getLocation().getLineNr()
                    + ", column " + parsing.getLocation().getColumnNr()));
        } else if (cause == null) {
            errors.add(Problems.fieldError("", "a request body is required"));
        }
        return problem(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                "Invalid request", detail), errors));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidBody(e.getBindingResult().getFieldErrors());
    }

    private static ResponseEntity<Object> invalidBody(List<FieldError> fields) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError field : fields) {
            errors.add(Problems.fieldError(pointer(field.getField()), field.getDefaultMessage()));
        }
        return problem(Problems.withErrors(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, Problems.INVALID_FACTS,
                "Invalid facts", "Some fields are out of range; nothing was stored."), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring MVC validates a request body within the method's validation (one pass over the facts, issue 14):
        // a body out of range is answered as before, 422 with a pointer per field.
        List<FieldError> bodyErrors = new ArrayList<>();
        e.getBeanResults().stream().filter(r -> r.getMethodParameter().hasParameterAnnotation(RequestBody.class))
                .forEach(r -> bodyErrors.addAll(r.getFieldErrors()));
        if (!bodyErrors.isEmpty()) {
            return invalidBody(bodyErrors);
        }
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> errors.add(Problems.fieldError(
                r.getMethodParameter().getParameterName() == null ? "" : r.getMethodParameter().getParameterName(),
                r.getResolvableErrors().isEmpty() ? "invalid" : r.getResolvableErrors().get(0).getDefaultMessage())));
        return problem(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                "Invalid request", "A header or parameter is invalid."), errors));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            logWithoutContent(e);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** {@code victimizations[0].ageAtFirstAct} → {@code /victimizations/0/ageAtFirstAct}. */
    static String pointer(String beanPath) {
        return "/" + beanPath.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    /** Says what is wrong without echoing the value sent, which may be personal data. */
    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown property";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of the values the contract lists";
            }
            return "must be a valid " + simpleType(target);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "must be " + article(simpleType(mismatch.getTargetType()));
        }
        return "invalid value";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == java.time.LocalDate.class) {
            return "date (yyyy-mm-dd)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type.isEnum()) {
            return "value the contract lists";
        }
        return "object";
    }

    private static String article(String noun) {
        return (noun.matches("^[aeiou].*") ? "an " : "a ") + noun;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void logWithoutContent(Throwable e) {
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        log.error("Unhandled {} at {}", e.getClass().getName(), where);
        if (log.isDebugEnabled()) {
            log.debug("Stack of the unhandled {}", e.getClass().getName(), withoutMessages(e));
        }
    }

    private static Throwable withoutMessages(Throwable e) {
        Throwable copy = new Throwable(e.getClass().getName());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
