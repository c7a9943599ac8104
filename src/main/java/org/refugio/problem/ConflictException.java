package org.refugio.problem;

/** The request collides with the current state of a resource; answered with a 409 problem. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
