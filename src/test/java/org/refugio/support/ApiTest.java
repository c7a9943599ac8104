package org.refugio.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test that talks to the running application over real HTTP, backed by the database of {@link TestDatabase}
 * and trusting the test identity provider of {@link TestTokens}; people sign in to the web pages as the
 * {@link TestWebUsers}. Every subclass shares one application context.
 */
@AutoConfigureObservability(tracing = false)
@Import(TestWebUsers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest extends HttpTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestDeployment.register(registry);
    }
}
