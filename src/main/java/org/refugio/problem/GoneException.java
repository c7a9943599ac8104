package org.refugio.problem;

/** A resource that existed and was erased on purpose (e.g. under the retention policy); answered with a 410 problem. */
public class GoneException extends RuntimeException {

    public GoneException(String detail) {
        super(detail);
    }
}
