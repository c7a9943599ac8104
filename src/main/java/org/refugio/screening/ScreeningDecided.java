package org.refugio.screening;

import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;

/**
 * Published inside the transaction that stores a screening decision, before it commits; a listener that fails
 * rolls the decision back. The audit trail listens to it.
 *
 * @param decision     the decision as stored
 * @param facts        the facts as stored (asOfDate filled in)
 * @param factsJson    the stored text of the facts
 * @param decisionJson the stored text of the decision
 * @param actor        who asked for the screening (user or client id)
 */
public record ScreeningDecided(ScreeningDecision decision, ScreeningFacts facts, String factsJson,
                               String decisionJson, String actor) { }
