package org.refugio.eligibility.facts;

import java.time.LocalDate;

/**
 * The person's own T application (Form I-914).
 *
 * @param referenceFilingDate the filing date, else the planned one (TD-01); null when unknown
 */
public record TProcess(ApplicationStatus applicationStatus, LocalDate filedDate, LocalDate plannedFilingDate,
                       LocalDate referenceFilingDate, BfdStatus bfd, LocalDate bfdDate, LocalDate approvedDate) { }
