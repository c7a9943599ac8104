package org.refugio.eligibility.facts;

import org.refugio.eligibility.Program;
import org.refugio.eligibility.Status;

/**
 * A criterion decided in an earlier stage. {@code subject} null is the criterion's combined value;
 * otherwise the value for one subject, e.g. TIP-08 for {@code victimizations/0}.
 */
public record CriterionStatus(Program program, String criterion, String subject, Status status) { }
