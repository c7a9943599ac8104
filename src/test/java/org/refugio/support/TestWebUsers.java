package org.refugio.support;

import java.util.UUID;

import org.refugio.security.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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

    @Bean
    @Primary
    UserDetailsService testWebUsers() {
        return new InMemoryUserDetailsManager(
                user(CASEWORKER, Role.CASEWORKER), user("carlos.caseworker", Role.CASEWORKER),
                user(SUPERVISOR, Role.SUPERVISOR), user(AUDITOR, Role.AUDITOR), user(ADMIN, Role.ADMIN),
                user(PROGRAM_MANAGER, Role.PROGRAM_MANAGER));
    }

    private static org.springframework.security.core.userdetails.UserDetails user(String name, Role role) {
        return User.withUsername(name).password("{noop}" + PASSWORD).roles(role.name()).build();
    }
}
