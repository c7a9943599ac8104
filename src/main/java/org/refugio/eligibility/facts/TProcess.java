package org.refugio.eligibility.facts;

import java.time.LocalDate;

/**
 * The person's own T application (Form I-914). The date ages are judged on (TD-01) is derived by the rules
 * (rules/tvisa/derivative-timing.drl).
 */
public record TProcess(ApplicationStatus applicationStatus, LocalDate filedDate, LocalDate plannedFilingDate,
                       BfdStatus bfd, LocalDate bfdDate, LocalDate approvedDate) { }
