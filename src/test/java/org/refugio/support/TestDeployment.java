package org.refugio.support;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a deployment next to PostgreSQL must configure, as the tests configure it: no demo users, the test
 * identity provider's tokens, an operators' console password, an identity key and an audit key of its own (the service refuses
 * the embedded default's published ones next to PostgreSQL).
 */
public final class TestDeployment {

    /**
     * Fixed rather than random, as the audit key: every test JVM of a run shares one database, whose providers'
     * webhook secrets and callback secrets are sealed under this key and must open in every JVM.
     */
    private static final String IDENTITY_KEY = Base64.getEncoder().encodeToString(
            "test-only-identity-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    /**
     * Fixed rather than random: every test JVM of a run appends to one audit chain in the shared test database,
     * and the chain verifies only under the key that signed it.
     */
    private static final String AUDIT_KEY = "dGVzdC1vbmx5LWF1ZGl0LWtleS1ub3QtdGhlLWRldmVsb3BtZW50LWtleQ==";

    private static final String OPERATOR_PASSWORD = UUID.randomUUID().toString();

    private TestDeployment() {
    }

    /** The audit key the tests' service signs with, for verifying an export offline as an auditor would. */
    public static String auditKey() {
        return AUDIT_KEY;
    }

    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("refugio.security.demo-users.enabled", "false");
        p.put("refugio.security.jwt.public-key-location", TestTokens.publicKeyLocation());
        p.put("refugio.security.jwt.issuer", TestTokens.ISSUER);
        p.put("refugio.security.jwt.audience", TestTokens.AUDIENCE);
        p.put("camunda.bpm.admin-user.password", OPERATOR_PASSWORD);
        // The web pages' password form, for the test users (TestWebUsers); deployments use OpenID Connect.
        p.put("refugio.web.password-sign-in", "true");
        p.put("refugio.identity.active-key-id", "test-1");
        p.put("refugio.identity.keys.test-1", IDENTITY_KEY);
        p.put("refugio.audit.hmac-key", AUDIT_KEY);
        // Status callbacks retry within a test's patience, whichever cached application context takes them.
        p.put("refugio.callbacks.retry-backoff", "PT0.3S,PT0.3S,PT0.3S");
        p.put("refugio.callbacks.poll-every", "PT0.2S");
        return p;
    }

    /** The same, as command-line arguments of a service started in its own JVM or SpringApplication. */
    public static String[] arguments() {
        return properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
