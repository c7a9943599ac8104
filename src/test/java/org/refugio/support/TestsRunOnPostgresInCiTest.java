package org.refugio.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CI proves the PostgreSQL path instead of skipping it: .ci/run sets REFUGIO_REQUIRE_POSTGRES, and then the
 * integration tests must really be talking to PostgreSQL with the migrations applied.
 */
class TestsRunOnPostgresInCiTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void whenCiRequiresPostgresTheIntegrationTestsUseIt() throws SQLException {
        boolean required = Boolean.parseBoolean(System.getenv("REFUGIO_REQUIRE_POSTGRES"));
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (required) {
                assertThat(product).isEqualTo("PostgreSQL");
            }
            assertThat(product).isIn("PostgreSQL", "H2");
        }
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();
    }
}
