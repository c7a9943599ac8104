package org.refugio.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DevelopmentDefaultsTest {

    private static final String POSTGRESQL = "jdbc:postgresql://db/refugio";

    private static MockEnvironment deployment(String datasourceUrl) {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", datasourceUrl)
                .withProperty("refugio.security.demo-users.enabled", "false")
                .withProperty("refugio.identity.active-key-id", "k-2026")
                .withProperty("refugio.audit.hmac-key", "c2VjcmV0LWtleS1vZi1hdC1sZWFzdC0zMi1ieXRlcy1sb25n")
                .withProperty("camunda.bpm.admin-user.password", "a-password-of-our-own");
    }

    @Test
    void aDeploymentThatSetsEverySecretStarts() {
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(deployment(POSTGRESQL))).isEmpty();
    }

    @Test
    void eachDevelopmentDefaultIsRefusedNextToPostgresqlAndNamed() {
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(
                deployment(POSTGRESQL).withProperty("refugio.security.demo-users.enabled", "true")))
                .singleElement().asString().contains("demo-users");
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(
                deployment(POSTGRESQL).withProperty("refugio.identity.active-key-id", "dev-1")))
                .singleElement().asString().contains("refugio.identity");
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(
                deployment(POSTGRESQL).withProperty("refugio.audit.hmac-key", "")))
                .singleElement().asString().contains("refugio.audit.hmac-key");
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(
                deployment(POSTGRESQL).withProperty("camunda.bpm.admin-user.password", "operator")))
                .singleElement().asString().contains("REFUGIO_OPERATOR_PASSWORD");
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDevelopmentDefaultsForAFirstRun() {
        MockEnvironment firstRun = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/refugio;MODE=PostgreSQL")
                .withProperty("refugio.security.demo-users.enabled", "true")
                .withProperty("refugio.identity.active-key-id", "dev-1")
                .withProperty("camunda.bpm.admin-user.password", "operator");
        assertThat(DevelopmentDefaults.refusedNextToPostgresql(firstRun)).isEmpty();
    }

    @Test
    void startUpFailsNamingEverySettingLeftAtItsDefault() {
        MockEnvironment careless = new MockEnvironment()
                .withProperty("spring.datasource.url", POSTGRESQL)
                .withProperty("refugio.security.demo-users.enabled", "true")
                .withProperty("refugio.identity.active-key-id", "dev-1")
                .withProperty("camunda.bpm.admin-user.password", "operator");
        assertThatThrownBy(() -> new DevelopmentDefaults(careless).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo-users").hasMessageContaining("refugio.identity")
                .hasMessageContaining("refugio.audit.hmac-key").hasMessageContaining("REFUGIO_OPERATOR_PASSWORD");
    }
}
