/**
 * Plain-language explanations in English and Spanish from the ruleset's message bundles. Entry point:
 * {@link org.refugio.explanation.Messages}.
 */
package org.refugio.explanation;
