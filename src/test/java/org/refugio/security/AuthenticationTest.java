package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

class AuthenticationTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext context;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.security.web.firewall.HttpFirewall firewall;

    @Test
    void everyRequestPassesTheFirewallThatChecksHeadersWithoutARegularExpression() {
        var proxies = context.getBeansOfType(org.springframework.security.web.FilterChainProxy.class);
        assertThat(proxies).isNotEmpty();
        proxies.forEach((name, proxy) -> {
            // Spring Security's composite proxies keep the chain that filters in a field of their own.
            Object filtering = proxy;
            while (org.springframework.util.ReflectionUtils.findField(filtering.getClass(), "springSecurityFilterChain")
                    != null) {
                filtering = org.springframework.test.util.ReflectionTestUtils.getField(filtering, "springSecurityFilterChain");
            }
            assertThat(org.springframework.test.util.ReflectionTestUtils.getField(filtering, "firewall")).as(name)
                    .isSameAs(firewall);
        });
        assertThat(get("/api/v1/rulesets/current", "Accept-Language", "es-MX,es;q=0.9").status()).isEqualTo(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = TestTokens.sign("x", "another-service", TestTokens.ISSUER, Instant.now().plusSeconds(60), Role.ADMIN);
        assertThat(get("/api/v1/rulesets/current", "Authorization", "Bearer " + token).status()).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String token = TestTokens.sign("x", TestTokens.AUDIENCE, "https://evil.example", Instant.now().plusSeconds(60), Role.ADMIN);
        assertThat(get("/api/v1/rulesets/current", "Authorization", "Bearer " + token).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = TestTokens.sign("x", TestTokens.AUDIENCE, TestTokens.ISSUER, Instant.now().minusSeconds(600), Role.ADMIN);
        assertThat(get("/api/v1/rulesets/current", "Authorization", "Bearer " + token).status()).isEqualTo(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        String token = TestTokens.token("x", Role.ADMIN);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        Response response = get("/api/v1/rulesets/current", "Authorization", "Bearer " + forged);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void basicAuthenticationIsOffOutsideTheEmbeddedDefault() {
        Response response = get("/api/v1/rulesets/current", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void anIntakeSystemReadsOnlyTheScreeningsItCreated() {
        String mine = TestTokens.bearer("intake-a", Role.INTAKE);
        String theirs = TestTokens.bearer("intake-b", Role.INTAKE);
        String id = post("/api/v1/screenings", "{}", "Authorization", mine).json().path("id").asText();

        assertThat(get("/api/v1/screenings/" + id, "Authorization", mine).status()).isEqualTo(200);
        assertThat(get("/api/v1/screenings/" + id, "Authorization", theirs).status()).isEqualTo(404);
        assertThat(get("/api/v1/screenings/" + id, "Authorization", TestTokens.bearer("cw", Role.CASEWORKER)).status())
                .isEqualTo(200);
    }

    @Test
    void responsesCarrySecurityHeadersAndNoServerDetails() {
        Response response = get("/api/v1/rulesets/current");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
