package org.refugio.security;

import java.util.UUID;

/**
 * A signed-in user (a principal of the web sign-in) bound to one provider organisation, as the provider claim of a
 * token binds a PROVIDER user of the API. A user directory of PROVIDER users implements this on its principals.
 */
public interface ProviderBoundUser {

    /** The organisation this user acts for; null for none (who then sees no referral). */
    UUID providerOrganisation();
}
