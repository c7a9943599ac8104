package org.refugio.problem;

/** A resource the client named does not exist; answered with a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
