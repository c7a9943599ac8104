package org.refugio.reports;

import org.refugio.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A month range that is not one (bad format, last before first, more than 36 months): 400. */
public class ReportRangeException extends ErrorResponseException {

    public ReportRangeException(String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                "Invalid month range", detail), null);
    }
}
