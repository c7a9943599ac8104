package org.refugio.screening;

import org.refugio.problem.InvalidParameterException;

/**
 * The {@code view} query parameter of the screening and case answers (issue 14): the whole decision with every
 * explanation, or the compact answer that leaves the explanations to a later read.
 */
public enum AnswerView {
    FULL, SUMMARY;

    /** Absent means full, for compatibility. @throws InvalidParameterException naming {@code view} otherwise */
    public static AnswerView of(String view) {
        if (view == null || view.equals("full")) {
            return FULL;
        }
        if (view.equals("summary")) {
            return SUMMARY;
        }
        throw new InvalidParameterException("view", "must be full or summary");
    }
}
