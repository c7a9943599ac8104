package org.refugio.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test that talks to the running application over real HTTP, backed by the database of {@link TestDatabase}
 * and trusting the test identity provider of {@link TestTokens}. Every subclass shares one application context.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest extends HttpTest {

    /** The operators' console password: not the embedded default's published one, refused next to PostgreSQL. */
    public static final String OPERATOR_PASSWORD = java.util.UUID.randomUUID().toString();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        tokens(registry);
    }

    /** The application trusts the test identity provider, as a deployment trusts its own. */
    public static void tokens(DynamicPropertyRegistry registry) {
        registry.add("refugio.security.demo-users.enabled", () -> "false");
        registry.add("refugio.security.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("refugio.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("refugio.security.jwt.audience", () -> TestTokens.AUDIENCE);
        registry.add("camunda.bpm.admin-user.password", () -> OPERATOR_PASSWORD);
    }
}
