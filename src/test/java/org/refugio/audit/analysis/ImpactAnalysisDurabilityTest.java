package org.refugio.audit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ImpactAnalysis;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.refugio.audit.AuditTrail;

/**
 * Impact analyses outlive the JVM that ran them (issue 13 item 2, the durable part): a finished analysis is read
 * from PostgreSQL by a node that never ran it (another node, or this service after a restart), with the same
 * result; an analysis whose node stopped mid-way is reported FAILED, never RUNNING forever.
 */
class ImpactAnalysisDurabilityTest extends ApiTest {

    @Autowired
    ScreeningService screenings;
    @Autowired
    Rulesets rulesets;
    @Autowired
    AuditTrail trail;
    @Autowired
    ObjectMapper json;

    @Test
    void aFinishedAnalysisIsStillThereForANodeThatDidNotRunIt() throws Exception {
        Instant from = Instant.now();
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/screenings", ChangedRules.GUATEMALAN_IN_TEXAS).status()).isEqualTo(201);
        }
        var candidate = JSON.createObjectNode();
        candidate.putObject("files").put(ChangedRules.FILE, ChangedRules.changedMexicoDrl());
        String body = JSON.createObjectNode().put("from", from.toString())
                .put("to", Instant.now().plusMillis(1).toString())
                .set("candidate", candidate).toString();
        Response started = post("/api/v1/audit/impact-analyses", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();
        JsonNode done = null;
        for (int i = 0; i < 120 && done == null; i++) {
            JsonNode now = auditor("/api/v1/audit/impact-analyses/" + id);
            if (!now.path("state").asText().matches("QUEUED|RUNNING")) {
                done = now;
            } else {
                Thread.sleep(500);
            }
        }
        assertThat(done).isNotNull();
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("result").path("decisionsCompared").asLong()).isEqualTo(3);
        assertThat(done.path("result").path("decisionsChanged").asLong()).as("MX-02 edit moves the three").isEqualTo(3);

        ImpactAnalyses otherNode = new ImpactAnalyses(screenings, rulesets, trail, jdbc, json, clock, 1, 10000, 20, "",
                Duration.ofMinutes(1));
        try {
            ImpactAnalysis stored = otherNode.find(UUID.fromString(id)).orElseThrow();
            assertThat(stored.getState()).isEqualTo(ImpactAnalysis.StateEnum.DONE);
            assertThat(JSON.readTree(json.writeValueAsString(stored.getResult()))).isEqualTo(done.path("result"));
            assertThat(stored.getCandidate().getSha256()).isEqualTo(done.path("candidate").path("sha256").asText());
            assertThat(stored.getPercentDone()).isEqualTo(100.0);
        } finally {
            otherNode.stop();
        }
    }

    @Test
    void anAnalysisWhoseNodeStoppedIsMarkedFailedNotLeftRunning() throws Exception {
        UUID id = UUID.randomUUID();
        String sha = "a".repeat(64);
        ImpactAnalysis running = new ImpactAnalysis().id(id).state(ImpactAnalysis.StateEnum.RUNNING)
                .candidate(new org.refugio.api.model.RulesetRef().version("candidate").sha256(sha))
                .total(1000L).processed(400L).percentDone(40.0).ratePerSecond(100.0);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                        + " created_at, heartbeat_at, view) values (?, 'RUNNING', 'candidate', ?, 1000, 400, ?, ?, ?)",
                id, sha, Timestamp.from(longAgo), Timestamp.from(longAgo), json.writeValueAsString(running));

        JsonNode read = auditor("/api/v1/audit/impact-analyses/" + id);

        assertThat(read.path("state").asText()).isEqualTo("FAILED");
        assertThat(read.path("error").asText()).contains("the node running it stopped");
        assertThat(read.path("processed").asLong()).as("what it had done stays").isEqualTo(400);
        assertThat(jdbc.queryForObject("select state from impact_analysis where id = ?", String.class, id))
                .isEqualTo("FAILED");

        // A live one (recent heartbeat) on another node is shown as it is.
        UUID live = UUID.randomUUID();
        Instant recent = Instant.now();
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                        + " created_at, heartbeat_at, view) values (?, 'RUNNING', 'candidate', ?, 1000, 400, ?, ?, ?)",
                live, sha, Timestamp.from(recent), Timestamp.from(recent), json.writeValueAsString(running.id(live)));
        assertThat(auditor("/api/v1/audit/impact-analyses/" + live).path("state").asText()).isEqualTo("RUNNING");
        assertThat(auditor("/api/v1/audit/impact-analyses/" + UUID.randomUUID()).isMissingNode()).isTrue();
    }

    private JsonNode auditor(String path) {
        Response r = get(path, "Authorization", TestTokens.bearer("auditor-durable", Role.AUDITOR));
        if (r.status() == 404) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
