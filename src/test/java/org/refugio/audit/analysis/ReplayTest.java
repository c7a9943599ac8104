package org.refugio.audit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.RefugioApplication;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A decision made under yesterday's rules is replayed after the rules changed: the kept ruleset reproduces the
 * stored decision exactly, while the current ruleset decides differently, and the replay says where.
 */
class ReplayTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    Environment environment;

    @Test
    void aDecisionMadeUnderOldRulesIsReproducedExactlyAndTheCurrentRulesDiffer() throws Exception {
        RulesetFiles old = ChangedRules.changed("2026.10.9-replay-test");
        String decisionId;
        // The service as it ran with the old rules: same database, its own rules directory.
        Path dir = ChangedRules.write(old, Files.createTempDirectory("refugio-old-rules"));
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--refugio.rules.directory=" + dir,
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                // A second workflow engine in this JVM: its own name.
                "--camunda.bpm.generate-unique-process-engine-name=true"));
        arguments.addAll(java.util.List.of(org.refugio.support.TestDeployment.arguments()));
        try (ConfigurableApplicationContext oldService = new SpringApplicationBuilder(RefugioApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int oldPort = ((ServletWebServerApplicationContext) oldService).getWebServer().getPort();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + oldPort
                            + "/api/v1/screenings"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ChangedRules.GUATEMALAN_IN_TEXAS))
                    .header("Content-Type", "application/json").header("Authorization", TestTokens.bearer("caseworker-7", Role.CASEWORKER));
            Response made = send(request);
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            assertThat(made.json().path("ruleset").path("sha256").asText()).isEqualTo(old.sha256());
            decisionId = made.json().path("id").asText();
        }

        Response response = get("/api/v1/audit/decisions/" + decisionId + "/replay", "Authorization", TestTokens.bearer("auditor-2", Role.AUDITOR));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode replay = response.json();
        assertThat(replay.path("original").path("ruleset").path("sha256").asText()).isEqualTo(old.sha256());
        assertThat(replay.path("original").path("ruleset").path("version").asText()).isEqualTo("2026.10.9-replay-test");
        assertThat(replay.path("current").path("ruleset").path("sha256").asText())
                .isEqualTo(RulesetFiles.fromClasspath("rules").sha256());
        assertThat(replay.path("sameRuleset").asBoolean()).isFalse();
        assertThat(replay.path("reproducesStoredDecision").asBoolean()).as(replay.path("mismatches").toString()).isTrue();
        assertThat(replay.path("mismatches")).isEmpty();

        JsonNode stored = get("/api/v1/screenings/" + decisionId).json();
        assertThat(status(replay.path("original").path("decision"), "MX_HUMANITARIAN_VISITOR"))
                .isEqualTo(status(stored, "MX_HUMANITARIAN_VISITOR"))
                .isNotEqualTo("NOT_ELIGIBLE");
        assertThat(status(replay.path("current").path("decision"), "MX_HUMANITARIAN_VISITOR")).isEqualTo("NOT_ELIGIBLE");

        List<String> changedPrograms = new ArrayList<>();
        replay.path("differences").forEach(d -> changedPrograms.add(d.path("program").asText()));
        assertThat(changedPrograms).contains("MX_HUMANITARIAN_VISITOR");
        JsonNode mx = null;
        for (JsonNode d : replay.path("differences")) {
            if (d.path("program").asText().equals("MX_HUMANITARIAN_VISITOR")) {
                mx = d;
            }
        }
        assertThat(mx.path("statusAfter").asText()).isEqualTo("NOT_ELIGIBLE");
        assertThat(mx.path("criteria").get(0).path("criterion").asText()).isEqualTo("MX-02");
        assertThat(mx.path("criteria").get(0).path("after").toString()).contains("NOT_ELIGIBLE");
        // Nothing but the changed rule's consequences differs.
        assertThat(changedPrograms).allMatch(p -> p.startsWith("MX_") || p.equals("LEGAL_AID_REFERRAL"));

        // The replay is itself an auditor read, logged with who asked.
        auditorSeals();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'AUDIT_READ' and actor = 'auditor-2'"
                + " and decision_id = cast(? as uuid) and detail like '%replayDecision%'", Long.class, decisionId)).isOne();
        // The decision's own record names the old ruleset, which the archive keeps.
        assertThat(jdbc.queryForObject("select ruleset_sha256 from audit_log where action = 'SCREENING_DECIDED'"
                + " and decision_id = cast(? as uuid)", String.class, decisionId)).isEqualTo(old.sha256());
        assertThat(get("/api/v1/audit/rulesets").body()).contains(old.sha256());
    }

    @Test
    void aDecisionOfTheCurrentRulesetReplaysToItselfWithNoDifferences() {
        String id = post("/api/v1/screenings", ChangedRules.GUATEMALAN_IN_TEXAS).json().path("id").asText();

        JsonNode replay = get("/api/v1/audit/decisions/" + id + "/replay").json();

        assertThat(replay.path("sameRuleset").asBoolean()).isTrue();
        assertThat(replay.path("reproducesStoredDecision").asBoolean()).isTrue();
        assertThat(replay.path("differences")).isEmpty();
    }

    @Test
    void replayingAnUnknownDecisionIsANotFoundProblem() {
        Response response = get("/api/v1/audit/decisions/00000000-0000-0000-0000-000000000001/replay");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private static String status(JsonNode decision, String program) {
        for (JsonNode p : decision.path("programs")) {
            if (p.path("program").asText().equals(program)) {
                return p.path("status").asText();
            }
        }
        return null;
    }
}
