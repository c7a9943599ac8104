/**
 * A person's identifying data and consents, sealed with AES-GCM per record. Entry points:
 * {@link org.refugio.identity.PersonIdentityVault} and {@link org.refugio.identity.Consents}; nothing else stores a
 * name, a date of birth or an address.
 */
package org.refugio.identity;
