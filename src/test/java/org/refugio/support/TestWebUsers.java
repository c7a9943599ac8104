package org.refugio.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.refugio.security.ProviderBoundUser;
import org.refugio.security.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * People who sign in to the web pages of the test deployment with a password (a deployment signs in with OpenID
 * Connect; the demo users refuse PostgreSQL). One user per role, named like the API tests' token subjects; the
 * password is new in every test run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestWebUsers {

    public static final String PASSWORD = UUID.randomUUID().toString();

    public static final String CASEWORKER = "maria.caseworker";
    public static final String SUPERVISOR = "sam.supervisor";
    public static final String AUDITOR = "ana.auditor";
    public static final String ADMIN = "alex.admin";
    public static final String PROGRAM_MANAGER = "pat.program-manager";

    /** Two users of provider organisations (issue 12); a test binds each to the organisation it needs. */
    public static final String PROVIDER = "pia.provider";
    public static final String OTHER_PROVIDER = "otto.provider";
    public static final AtomicReference<UUID> PROVIDER_ORGANISATION = new AtomicReference<>();
    public static final AtomicReference<UUID> OTHER_PROVIDER_ORGANISATION = new AtomicReference<>();

    @Bean
    @Primary
    UserDetailsService testWebUsers() {
        InMemoryUserDetailsManager others = new InMemoryUserDetailsManager(
                user(CASEWORKER, Role.CASEWORKER), user("carlos.caseworker", Role.CASEWORKER),
                user(SUPERVISOR, Role.SUPERVISOR), user(AUDITOR, Role.AUDITOR), user(ADMIN, Role.ADMIN),
                user(PROGRAM_MANAGER, Role.PROGRAM_MANAGER));
        return name -> switch (name) {
            case PROVIDER -> new BoundUser(name, PROVIDER_ORGANISATION);
            case OTHER_PROVIDER -> new BoundUser(name, OTHER_PROVIDER_ORGANISATION);
            default -> others.loadUserByUsername(name);
        };
    }

    /** A provider user whose organisation is whatever the test bound it to at the moment of the request. */
    static final class BoundUser extends User implements ProviderBoundUser {

        private final transient AtomicReference<UUID> organisation;

        BoundUser(String name, AtomicReference<UUID> organisation) {
            super(name, "{noop}" + PASSWORD, List.of(new SimpleGrantedAuthority(Role.PROVIDER.authority())));
            this.organisation = organisation;
        }

        @Override
        public UUID providerOrganisation() {
            return organisation.get();
        }
    }

    private static org.springframework.security.core.userdetails.UserDetails user(String name, Role role) {
        return User.withUsername(name).password("{noop}" + PASSWORD).roles(role.name()).build();
    }
}
