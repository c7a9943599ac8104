package org.refugio.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The actor of the current request, from Spring Security; the system actor outside a request. */
@Component
public class CurrentActor {

    private final SecurityProperties properties;

    public CurrentActor(SecurityProperties properties) {
        this.properties = properties;
    }

    public Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            return Actor.SYSTEM;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // A role this service does not know grants nothing here.
                }
            }
        }
        return new Actor(authentication.getName(), roles);
    }

    /** The person or client signed in to this request; empty for an anonymous visitor and outside a request. */
    public Optional<Actor> signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Actor actor = get();
        return actor == Actor.SYSTEM ? Optional.empty() : Optional.of(actor);
    }

    /**
     * The provider organisation a PROVIDER user acts for: the token's provider claim ({@code provider_id} unless
     * configured otherwise), or the setting of the demo user {@code provider}. Empty for anyone else, and for a
     * PROVIDER whose token names no organisation (who then sees nothing).
     */
    public Optional<UUID> providerOrganisation() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !get().has(Role.PROVIDER)) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return organisation(token.getToken().getClaims().get(properties.jwt().providerClaim()));
        }
        // The web pages: signed in with OpenID Connect (the ID token's claim), or a user bound to an organisation.
        if (authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal) {
            return organisation(principal.getAttribute(properties.jwt().providerClaim()));
        }
        if (authentication.getPrincipal() instanceof ProviderBoundUser user) {
            return Optional.ofNullable(user.providerOrganisation());
        }
        if (properties.demoUsers().enabled() && "provider".equals(authentication.getName())) {
            return Optional.ofNullable(properties.demoUsers().providerId());
        }
        return Optional.empty();
    }

    private static Optional<UUID> organisation(Object claim) {
        try {
            return claim == null ? Optional.empty() : Optional.of(UUID.fromString(claim.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
