package org.refugio.problem;

/** The caller is known but may not do this; answered with a 403 problem. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
