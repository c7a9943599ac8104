package org.refugio.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The web pages' chain: a session (cookie HttpOnly, SameSite=Lax, Secure over HTTPS, idle timeout: see
 * application.yaml), CSRF tokens on every form, and two ways to sign in — a password form for the users of the
 * embedded default, and OpenID Connect against the identity provider the API trusts, with roles read from the same
 * claim as the API's tokens. Who may open which page is {@link WebAccessRules}.
 *
 * <p>Another chain for other people (say, a provider portal with its own sign-in) goes before this one with a
 * lower {@code @Order} and its own {@code securityMatcher}; this chain takes whatever no earlier chain matched.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfig {

    public static final String SIGN_IN = "/signin";
    public static final String SIGN_OUT = "/signout";

    @Bean
    @Order(10)
    SecurityFilterChain webPages(HttpSecurity http, WebSignIn signIn, ObjectProvider<UserDetailsService> users,
                                 ObjectProvider<ClientRegistrationRepository> identityProviders) throws Exception {
        http.headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(WebAccessRules.PUBLIC_PATHS).permitAll();
                    a.requestMatchers(WebAccessRules.SIGNED_IN_PATHS).authenticated();
                    for (WebAccessRules.Rule rule : WebAccessRules.RULES) {
                        a.requestMatchers(rule.pattern()).hasAnyRole(rule.authorities());
                    }
                    a.anyRequest().denyAll();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(signInFirst())
                        .accessDeniedPage("/error/forbidden"))
                .logout(l -> l.logoutUrl(SIGN_OUT).logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .deleteCookies("JSESSIONID"));
        if (signIn.passwords()) {
            UserDetailsService store = users.getIfAvailable();
            if (store == null) {
                throw new IllegalStateException("password sign-in is on but no user store is configured");
            }
            DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(store);
            http.authenticationManager(new ProviderManager(passwords))
                    .formLogin(f -> f.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                            .defaultSuccessUrl("/", false).failureUrl(SIGN_IN + "?error").permitAll());
        }
        ClientRegistrationRepository registrations = identityProviders.getIfAvailable();
        if (registrations != null) {
            http.oauth2Login(o -> o.loginPage(SIGN_IN).defaultSuccessUrl("/", false)
                    .failureUrl(SIGN_IN + "?error")
                    .userInfoEndpoint(u -> u.oidcUserService(rolesFromClaim(signIn.rolesClaim()))));
        }
        return http.build();
    }

    /**
     * The API's roles claim, read from the ID token or the user-info answer: a person signs in to the pages with
     * the roles the same identity provider puts in the API's tokens. The subject is the actor recorded.
     */
    static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromClaim(String claim) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            List<String> roles = user.getClaimAsStringList(claim);
            return new DefaultOidcUser(SecurityConfig.authorities(roles), user.getIdToken(), user.getUserInfo(),
                    "sub");
        };
    }

    /** A page asks to sign in first; an htmx fragment request is told to reload to the sign-in page instead. */
    private static AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN);
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + SIGN_IN);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            page.commence(request, response, e);
        };
    }
}
