/**
 * The screening's web pages (issue 11): the guided screening ({@link org.refugio.screening.web.GuidedScreeningController},
 * questions from the engine's follow-ups through {@link org.refugio.screening.web.QuestionCatalog}), the result cards
 * and the person's summary ({@link org.refugio.screening.web.ScreeningResultController}). Templates under
 * {@code templates/screening/}.
 */
package org.refugio.screening.web;
