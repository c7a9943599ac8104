package org.refugio.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Which real database the tests use. PostgreSQL named by REFUGIO_TEST_DB_URL (what .ci/run sets) comes first;
 * otherwise a Testcontainers PostgreSQL where Docker runs; otherwise the embedded H2 of a first run, and the
 * tests that need PostgreSQL itself are skipped (CI never takes that path: .ci/run fails without PostgreSQL).
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "REFUGIO_TEST_DB_URL";

    private static PostgreSQLContainer<?> container;

    private TestDatabase() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> env("REFUGIO_TEST_DB_USER", "postgres"));
            registry.add("spring.datasource.password", () -> env("REFUGIO_TEST_DB_PASSWORD", ""));
            return;
        }
        if (dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
            }
            registry.add("spring.datasource.url", container::getJdbcUrl);
            registry.add("spring.datasource.username", container::getUsername);
            registry.add("spring.datasource.password", container::getPassword);
            return;
        }
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:refugio-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    /** True when the tests run against PostgreSQL, by either path. */
    public static boolean isPostgres() {
        String url = System.getenv(URL_VARIABLE);
        return (url != null && !url.isBlank()) || dockerAvailable();
    }

    /** host, port and database of the PostgreSQL the tests use, or null on H2. */
    public static String[] postgresAddress() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(url);
            if (m.matches()) {
                return new String[] {m.group(1), m.group(2) == null ? "5432" : m.group(2), m.group(3)};
            }
        }
        if (container != null) {
            return new String[] {container.getHost(), String.valueOf(container.getFirstMappedPort()),
                container.getDatabaseName()};
        }
        return null;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }
}
