package org.refugio.audit.analysis;

import java.util.List;

import org.refugio.problem.Problems;
import org.refugio.problem.UnprocessableException;

/** A candidate ruleset the service cannot use: unreadable, outside the allowed root, or not a valid ruleset. */
public class InvalidCandidateException extends UnprocessableException {

    public InvalidCandidateException(String message) {
        super(message, List.of());
    }

    @Override
    public String type() {
        return Problems.INVALID_RULESET;
    }

    @Override
    public String title() {
        return "Invalid candidate ruleset";
    }
}
