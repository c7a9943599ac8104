package org.refugio.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * How people sign in to the web pages. Passwords only where users with passwords exist (the demo users of the
 * embedded default); deployments sign in with OpenID Connect, configured the Spring Boot way
 * ({@code spring.security.oauth2.client.registration.<id>.*} and {@code ...provider.<id>.issuer-uri}).
 */
@Component
public class WebSignIn {

    /** One identity provider offered on the sign-in page. */
    public record IdentityProvider(String id, String name) { }

    private final boolean passwords;
    private final String rolesClaim;
    private final List<IdentityProvider> identityProviders = new ArrayList<>();

    WebSignIn(@Value("${refugio.web.password-sign-in:${refugio.security.demo-users.enabled:false}}") boolean passwords,
              SecurityProperties security, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.passwords = passwords;
        this.rolesClaim = security.jwt().rolesClaim();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object r : all) {
                ClientRegistration registration = (ClientRegistration) r;
                identityProviders.add(new IdentityProvider(registration.getRegistrationId(),
                        registration.getClientName()));
            }
        }
    }

    public boolean passwords() {
        return passwords;
    }

    public String rolesClaim() {
        return rolesClaim;
    }

    public List<IdentityProvider> identityProviders() {
        return List.copyOf(identityProviders);
    }
}
