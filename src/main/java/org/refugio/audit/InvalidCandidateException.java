package org.refugio.audit;

/** A candidate ruleset the service cannot use: unreadable, outside the allowed root, or not a valid ruleset. */
public class InvalidCandidateException extends RuntimeException {

    public InvalidCandidateException(String message) {
        super(message);
    }
}
