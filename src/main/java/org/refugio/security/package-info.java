/**
 * Who may call what: roles from the identity provider's token (API) or the sign-in session (web pages), the
 * access rules per path, and the actor recorded with every change. Entry points:
 * {@link org.refugio.security.AccessRules}, {@link org.refugio.security.WebAccessRules},
 * {@link org.refugio.security.CurrentActor}.
 */
package org.refugio.security;
