/**
 * The directory of legal-aid providers (admins manage it over {@code /api/v1/providers}; demo providers on the
 * embedded default). Entry point: {@link org.refugio.providers.ProviderDirectory}, which hands routing the
 * profiles it chooses from.
 */
package org.refugio.providers;
