package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/** A departure from the U.S. after a trafficking act; returnReasons null = unknown, empty = none applies. */
public record Departure(int index, String subject, LocalDate departureDate, DepartureManner manner,
                        LocalDate returnDate, Set<ReturnReason> returnReasons) { }
