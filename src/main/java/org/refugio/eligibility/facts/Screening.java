package org.refugio.eligibility.facts;

import java.time.LocalDate;

/**
 * The screening itself and which lists were recorded: a count of null means the list is unknown,
 * 0 means "recorded none" (G-03).
 */
public record Screening(LocalDate asOfDate, UserRole userRole, Integer victimizationCount, Integer departureCount,
                        Integer hardshipFactorCount, Integer familyCount, Integer legalMatterCount) { }
