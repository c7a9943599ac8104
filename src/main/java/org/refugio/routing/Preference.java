package org.refugio.routing;

/**
 * What makes one suitable provider better than another, in order of weight: the first difference decides. Talking
 * with the person comes first; then, while it is unknown whether the person is a minor or detained, a provider able
 * to serve them if they are; locality last, since the region already rules out providers that do not work there.
 */
public enum Preference {
    SPEAKS_CLIENT_LANGUAGE,
    SERVES_YOUTH,
    WORKS_IN_DETENTION,
    LOCAL_TO_CLIENT
}
