package org.refugio.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.refugio.RefugioApplication;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestDeployment;
import org.refugio.support.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases outlive the application: one case waits for a caseworker's task, another for a provider's answer with its
 * deadline running. The application stops; the deadline passes while nothing runs; a new application on the same
 * database picks both up: the overdue deadline moves the case to the next provider, and the task can be completed.
 * Runs on a database of its own, so no other test's application can take the timer meanwhile.
 */
class CasesSurviveARestartTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Long enough to stop the first application before it passes, short enough to wait for. */
    private static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(12);

    @Test
    void casesWaitingOnATaskOrATimerGoOnAfterTheApplicationRestarts() throws Exception {
        Map<String, Object> database = ownDatabase();
        String waitingForProvider;
        String waitingForCaseworker;
        String firstProvider;
        long sentAt;

        try (ConfigurableApplicationContext first = start(database)) {
            int port = port(first);
            waitingForProvider = open(port);
            waitingForCaseworker = open(port);
            String review = tasks(port, waitingForProvider, "REVIEW_REFERRAL").get(0).path("id").asText();
            assertThat(send(port, "POST", "/api/v1/tasks/" + review + "/complete",
                    JSON.createObjectNode().put("decision", "CONFIRM")).status)
                    .isEqualTo(200);
            JsonNode sent = await(port, waitingForProvider, c -> "SENT".equals(status(c, 0)));
            firstProvider = sent.path("referrals").get(0).path("providerId").asText();
            sentAt = System.currentTimeMillis();
        }
        JdbcTemplate jdbc = jdbc(database);
        assertThat(jdbc.queryForObject("select status from referral where case_id = cast(? as uuid)", String.class,
                waitingForProvider)).as("the deadline has not passed while the first application ran").isEqualTo("SENT");

        Thread.sleep(Math.max(0, sentAt + RESPONSE_DEADLINE.toMillis() + 500 - System.currentTimeMillis()));

        try (ConfigurableApplicationContext second = start(database)) {
            int port = port(second);
            JsonNode moved = await(port, waitingForProvider, c -> c.path("referrals").size() == 2);
            assertThat(status(moved, 0)).isEqualTo("NO_RESPONSE");
            assertThat(moved.path("referrals").get(1).path("providerId").asText()).isNotEqualTo(firstProvider);
            assertThat(moved.path("status").asText()).isEqualTo("REFERRAL_PENDING");

            String review = tasks(port, waitingForCaseworker, "REVIEW_REFERRAL").get(0).path("id").asText();
            assertThat(send(port, "POST", "/api/v1/tasks/" + review + "/complete",
                    JSON.createObjectNode().put("decision", "CONFIRM")).status)
                    .isEqualTo(200);
            JsonNode sent = await(port, waitingForCaseworker, c -> "SENT".equals(status(c, 0)));
            String referral = sent.path("referrals").get(0).path("id").asText();
            Reply accepted = send(port, "POST", "/api/v1/cases/" + waitingForCaseworker + "/referrals/" + referral
                    + "/response", JSON.createObjectNode().put("decision", "ACCEPTED").put("respondedBy", "intake"));
            assertThat(accepted.status).isEqualTo(200);
            assertThat(JSON.readTree(accepted.body).path("status").asText()).isEqualTo("REFERRAL_ACCEPTED");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new LinkedHashMap<>(database);
        properties.put("server.port", "0");
        properties.put("refugio.providers.demo-seed", "always");
        properties.put("refugio.referral.response", RESPONSE_DEADLINE.toString());
        // Another application of the test run may hold the engine name "default" in this JVM.
        properties.put("camunda.bpm.generate-unique-process-engine-name", "true");
        properties.putAll(TestDeployment.properties());
        // As arguments: they must win over application.yaml, as a deployment's settings do.
        return new SpringApplicationBuilder(RefugioApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** A fresh PostgreSQL database beside the tests' own, or an in-memory H2 that outlives each application. */
    private static Map<String, Object> ownDatabase() throws Exception {
        String url = System.getenv(TestDatabase.URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:restart-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        String user = env("REFUGIO_TEST_DB_USER", "postgres");
        String password = env("REFUGIO_TEST_DB_PASSWORD", "");
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + "_restart";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        return Map.of("spring.datasource.url", url.substring(0, url.lastIndexOf('/') + 1) + name,
                "spring.datasource.username", user, "spring.datasource.password", password);
    }

    private static JdbcTemplate jdbc(Map<String, Object> database) {
        var source = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                (String) database.get("spring.datasource.url"),
                (String) database.getOrDefault("spring.datasource.username", "sa"),
                (String) database.getOrDefault("spring.datasource.password", ""));
        return new JdbcTemplate(source);
    }

    private static String open(int port) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        try (InputStream in = CasesSurviveARestartTest.class
                .getResourceAsStream("/scenarios/public/06-marta-unknown-facts.json")) {
            body.set("facts", JSON.readTree(in).path("facts"));
        }
        Reply reply = send(port, "POST", "/api/v1/cases", body);
        assertThat(reply.status).as(reply.body).isEqualTo(201);
        return JSON.readTree(reply.body).path("id").asText();
    }

    private static JsonNode tasks(int port, String caseId, String kind) throws IOException {
        return JSON.readTree(send(port, "GET", "/api/v1/tasks?caseId=" + caseId + "&kind=" + kind, null).body);
    }

    private static JsonNode await(int port, String caseId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = JSON.readTree(send(port, "GET", "/api/v1/cases/" + caseId, null).body);
            return condition.test(last[0]);
        });
        return last[0];
    }

    private static String status(JsonNode legalAidCase, int index) {
        JsonNode referral = legalAidCase.path("referrals").path(index);
        return referral.isMissingNode() ? null : referral.path("status").asText();
    }

    private record Reply(int status, String body) { }

    private static Reply send(int port, String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json")
                .header("Authorization", TestTokens.bearer("maria.caseworker", Role.CASEWORKER));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }
}
