package org.refugio.routing;

/** What makes one suitable provider better than another, in order of weight: the first difference decides. */
public enum Preference {
    SPEAKS_CLIENT_LANGUAGE,
    LOCAL_TO_CLIENT,
    SERVES_YOUTH,
    WORKS_IN_DETENTION
}
