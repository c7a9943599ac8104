package org.refugio.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoUsers HTTP Basic demo users (caseworker, supervisor, auditor, intake, admin; password = user name),
 *                  for the embedded default only
 * @param jwt       the OAuth2 resource server of deployments
 */
@ConfigurationProperties("refugio.security")
public record SecurityProperties(DemoUsers demoUsers, Jwt jwt) {

    public record DemoUsers(boolean enabled) { }

    /**
     * @param issuer             required "iss" (empty = not checked)
     * @param audience           required "aud"
     * @param publicKeyLocation  PEM RSA public key that signs the tokens (e.g. file:/etc/refugio/jwt.pem)
     * @param jwkSetUri          or the issuer's JWK set
     * @param rolesClaim         claim holding the role names (INTAKE, CASEWORKER, ...)
     */
    public record Jwt(String issuer, String audience, String publicKeyLocation, String jwkSetUri, String rolesClaim) {

        public boolean configured() {
            return (publicKeyLocation != null && !publicKeyLocation.isBlank())
                    || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }

    public SecurityProperties {
        demoUsers = demoUsers == null ? new DemoUsers(false) : demoUsers;
        jwt = jwt == null ? new Jwt("", "refugio", "", "", "roles") : jwt;
    }
}
