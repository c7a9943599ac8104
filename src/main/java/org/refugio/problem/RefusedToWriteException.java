package org.refugio.problem;

/**
 * The service refuses to store anything until an operator has investigated (e.g. the audit log was written behind
 * its back): a 503 problem of the given type, logged as an error.
 */
public class RefusedToWriteException extends RuntimeException {

    private final String type;
    private final String title;
    private final String detail;

    public RefusedToWriteException(String message, String type, String title, String detail) {
        super(message);
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
