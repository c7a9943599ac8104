package org.refugio.routing;

/**
 * What may make one suitable provider better than another: the vocabulary the provider-choice rules use
 * ({@code prefer(...)}). How much each weighs is the ruleset's to say, in rules/routing/ranking.yaml; the order
 * of these constants means nothing.
 */
public enum Preference {
    SPEAKS_CLIENT_LANGUAGE,
    SERVES_YOUTH,
    WORKS_IN_DETENTION,
    LOCAL_TO_CLIENT
}
