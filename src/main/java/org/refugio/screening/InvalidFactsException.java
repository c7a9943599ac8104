package org.refugio.screening;

import java.util.List;

/** A request whose facts break a rule of the fact model; every offending field is named by JSON Pointer. */
public class InvalidFactsException extends RuntimeException {

    public record FieldProblem(String pointer, String detail) { }

    private final List<FieldProblem> problems;

    public InvalidFactsException(List<FieldProblem> problems) {
        super("invalid facts: " + problems.size() + " field(s)");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
