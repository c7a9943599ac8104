package org.refugio.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.idempotency.IdempotencyFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Authentication and the role matrix of the REST API. Deployments use an OAuth2 resource server (JWT, with issuer
 * and audience checked); the embedded default may use HTTP Basic demo users, which refuse to start next to PostgreSQL.
 * The API is stateless: no session, no cookie, so no CSRF token either. The web pages have a chain of their own
 * ({@link WebSecurityConfig}); the operators' console another (workflow.camunda).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    /** How long a verified token's signature is trusted before it is checked again (see {@link VerifiedTokens}). */
    static final Duration REMEMBER_VERIFIED_TOKENS_FOR = Duration.ofMinutes(5);

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder,
                            ObjectMapper json, IdempotencyFilter idempotency) throws Exception {
        boolean basic = properties.demoUsers().enabled();
        http.securityMatcher(AccessRules.API_PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
                                        + " img-src 'self' data:; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .cacheControl(c -> { }))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(AccessRules.PUBLIC_PATHS).permitAll();
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        a.requestMatchers(rule.method(), rule.pattern()).hasAnyRole(rule.authorities());
                    }
                    a.anyRequest().denyAll();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(ProblemSecurityHandlers.unauthenticated(json, basic))
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden(json)))
                .addFilterAfter(idempotency, AuthorizationFilter.class);
        if (basic) {
            http.httpBasic(b -> b.authenticationEntryPoint(ProblemSecurityHandlers.unauthenticated(json, true)));
        }
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(o -> o
                    .authenticationEntryPoint(ProblemSecurityHandlers.unauthenticated(json, basic))
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(roles(properties.jwt().rolesClaim()))));
        }
        return http.build();
    }

    /** Spring Security's default firewall, with header characters checked without a regular expression. */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderCharacters.firewall();
    }

    /** The demo users of the README (one per role, e.g. program-manager), password = user name; for the embedded default only. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "refugio.security.demo-users.enabled", havingValue = "true")
    UserDetailsService demoUsers() {
        List<org.springframework.security.core.userdetails.UserDetails> users = new ArrayList<>();
        for (Role role : Role.values()) {
            String name = role.demoUserName();
            users.add(User.withUsername(name).password("{noop}" + name).roles(role.name()).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Without demo users there are no passwords at all: only tokens authenticate. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "refugio.security.demo-users.enabled", havingValue = "false", matchIfMissing = true)
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            "'${refugio.security.jwt.public-key-location:}' != '' or '${refugio.security.jwt.jwk-set-uri:}' != ''")
    JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) throws Exception {
        SecurityProperties.Jwt jwt = properties.jwt();
        NimbusJwtDecoder decoder = jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(publicKey(jwt.publicKeyLocation())).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(jwt.issuer() == null || jwt.issuer().isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(jwt.issuer()));
        validators.add(token -> token.getAudience() != null && token.getAudience().contains(jwt.audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, REMEMBER_VERIFIED_TOKENS_FOR, 10_000, clock);
    }

    private static Converter<Jwt, AbstractAuthenticationToken> roles(String claim) {
        return token -> new JwtAuthenticationToken(token, authorities(token.getClaimAsStringList(claim)),
                token.getSubject());
    }

    /** Role names of a token's (or an OpenID Connect user's) roles claim as authorities: the one mapping. */
    static Collection<GrantedAuthority> authorities(List<String> roles) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        if (roles != null) {
            for (String role : roles) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase()));
            }
        }
        return authorities;
    }

    private static RSAPublicKey publicKey(String location) throws Exception {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JWT public key at " + location, e);
        }
    }
}
