package org.refugio.problem;

import java.util.List;

/**
 * A well-formed request that the domain refuses, naming each offending field by JSON Pointer; answered with a
 * 422 problem. Nothing was changed.
 */
public class UnprocessableException extends RuntimeException {

    public record FieldProblem(String pointer, String detail) { }

    private final List<FieldProblem> problems;

    public UnprocessableException(String detail, List<FieldProblem> problems) {
        super(detail);
        this.problems = List.copyOf(problems);
    }

    public UnprocessableException(String pointer, String fieldDetail, String detail) {
        this(detail, List.of(new FieldProblem(pointer, fieldDetail)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The problem type URI; a refusal with a type of its own (invalid facts, an invalid ruleset) overrides it. */
    public String type() {
        return Problems.UNPROCESSABLE;
    }

    public String title() {
        return "Request refused";
    }
}
