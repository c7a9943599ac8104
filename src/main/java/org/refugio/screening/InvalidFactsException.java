package org.refugio.screening;

import java.util.List;

import org.refugio.problem.Problems;
import org.refugio.problem.UnprocessableException;

/** A request whose facts break a rule of the fact model; every offending field is named by JSON Pointer. */
public class InvalidFactsException extends UnprocessableException {

    public InvalidFactsException(List<FieldProblem> problems) {
        super("Some facts break the rules of the fact model; nothing was stored.", problems);
    }

    @Override
    public String type() {
        return Problems.INVALID_FACTS;
    }

    @Override
    public String title() {
        return "Invalid facts";
    }

    /** The same problems for facts nested in a larger request, their pointers under {@code pointer}. */
    public InvalidFactsException under(String pointer) {
        return new InvalidFactsException(problems().stream()
                .map(p -> new FieldProblem(pointer + p.pointer(), p.detail())).toList());
    }
}
