/**
 * Screenings: one person's facts, as of a date, through the ruleset in force, stored with the decision and the
 * ruleset that made it. Entry point: {@link org.refugio.screening.ScreeningService}; the one place that maps request
 * facts to the fact model is {@link org.refugio.screening.FactsMapper}.
 */
package org.refugio.screening;
