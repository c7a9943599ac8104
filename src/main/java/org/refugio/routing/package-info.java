/**
 * Which provider serves a case (LA-01 to LA-03, K-23, K-24): the provider-choice rules applied to a case and the
 * directory's profiles. Entry point: {@link org.refugio.routing.ProviderMatcher}; Drools stays in
 * {@code routing.drools}. Routing changes who serves a person, never whether the person is referred.
 */
package org.refugio.routing;
