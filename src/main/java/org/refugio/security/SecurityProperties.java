package org.refugio.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoUsers HTTP Basic demo users (caseworker, supervisor, auditor, intake, admin; password = user name),
 *                  for the embedded default only
 * @param jwt       the OAuth2 resource server of deployments
 */
@ConfigurationProperties("refugio.security")
public record SecurityProperties(DemoUsers demoUsers, Jwt jwt) {

    /**
     * @param enabled    the demo users exist
     * @param providerId the provider organisation the demo user {@code provider} acts for (a demo provider)
     */
    public record DemoUsers(boolean enabled, java.util.UUID providerId) { }

    /**
     * @param issuer             required "iss" (empty = not checked)
     * @param audience           required "aud"
     * @param publicKeyLocation  PEM RSA public key that signs the tokens (e.g. file:/etc/refugio/jwt.pem)
     * @param jwkSetUri          or the issuer's JWK set
     * @param rolesClaim         claim holding the role names (INTAKE, CASEWORKER, ...)
     * @param providerClaim      claim holding the provider organisation's id (a UUID of the directory) of a PROVIDER
     */
    public record Jwt(String issuer, String audience, String publicKeyLocation, String jwkSetUri, String rolesClaim,
                      String providerClaim) {

        public boolean configured() {
            return (publicKeyLocation != null && !publicKeyLocation.isBlank())
                    || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }

    public SecurityProperties {
        if (jwt != null && (jwt.providerClaim() == null || jwt.providerClaim().isBlank())) {
            jwt = new Jwt(jwt.issuer(), jwt.audience(), jwt.publicKeyLocation(), jwt.jwkSetUri(), jwt.rolesClaim(),
                    "provider_id");
        }
        demoUsers = demoUsers == null ? new DemoUsers(false, null) : demoUsers;
        jwt = jwt == null ? new Jwt("", "refugio", "", "", "roles", "provider_id") : jwt;
    }
}
