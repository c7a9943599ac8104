package org.refugio.problem;

/** A query parameter or header outside what the contract allows: a 400 problem naming the parameter. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
