package org.refugio.audit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.config.EngineBuild;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replay fidelity (issue 13 item 4): a decision records the engine build that made it next to the ruleset hash,
 * in its row and under its audit record's digest; a replay says whether the build that replays is another one and
 * whether the result still matches.
 */
class ReplayEngineTest extends ApiTest {

    @Autowired
    EngineBuild engine;

    @Test
    void aDecisionRecordsItsBuildAndAReplayOnAnotherBuildSaysSo() throws Exception {
        assertThat(engine.id()).as("the test build knows its commit (git.properties from the build)")
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{40}(-dirty)?"));
        JsonNode facts = JSON.readTree(getClass().getResourceAsStream("/scenarios/public/10-carlos-smuggling-only.json"))
                .get("facts");
        Response made = post("/api/v1/screenings", facts,
                "Authorization", TestTokens.bearer("caseworker-engine", Role.CASEWORKER));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        UUID id = UUID.fromString(made.json().path("id").asText());

        assertThat(jdbc.queryForObject("select engine_build from screening_decision where id = ?", String.class, id))
                .isEqualTo(engine.id().orElseThrow());
        // The auditor's read seals the pending entry first; then the record is on the chain.
        Response audited = auditor("/api/v1/audit/decisions/" + id);
        assertThat(jdbc.queryForObject("select detail from audit_log where decision_id = ? and action = ?",
                String.class, id, "SCREENING_DECIDED")).contains("\"engineBuild\":\"" + engine.id().orElseThrow() + "\"");
        assertThat(audited.json().path("engine").asText()).isEqualTo(engine.id().orElseThrow());

        JsonNode sameReplay = auditor("/api/v1/audit/decisions/" + id + "/replay").json();
        JsonNode same = sameReplay.path("engine");
        assertThat(same.path("recorded").asText()).isEqualTo(engine.id().orElseThrow());
        assertThat(same.path("current").asText()).isEqualTo(engine.id().orElseThrow());
        assertThat(same.path("differs").asBoolean(true)).isFalse();
        // A decision lists findings and questions in a fixed order, not the rules' firing order: replaying it with
        // the same rules and build reproduces it exactly, every time.
        assertThat(same.path("resultStillMatches").asBoolean()).as(sameReplay.toString()).isTrue();
        for (int replay = 0; replay < 5; replay++) {
            assertThat(auditor("/api/v1/audit/decisions/" + id + "/replay").json()
                    .path("reproducesStoredDecision").asBoolean()).isTrue();
        }

        // Made by an older build: the replay names both builds and says whether the result still matches.
        String older = "89abcdef0123456789abcdef0123456789abcdef";
        jdbc.update("update screening_decision set engine_build = ? where id = ?", older, id);
        JsonNode otherReplay = auditor("/api/v1/audit/decisions/" + id + "/replay").json();
        JsonNode other = otherReplay.path("engine");
        assertThat(other.path("recorded").asText()).isEqualTo(older);
        assertThat(other.path("differs").asBoolean()).isTrue();
        assertThat(other.path("resultStillMatches").asBoolean()).as("same rules, another build").isTrue();

        // Made before builds were recorded: whether the build changed is not known, and the replay does not guess.
        jdbc.update("update screening_decision set engine_build = null where id = ?", id);
        JsonNode unknownReplay = auditor("/api/v1/audit/decisions/" + id + "/replay").json();
        JsonNode unknown = unknownReplay.path("engine");
        assertThat(unknown.has("recorded")).isFalse();
        assertThat(unknown.has("differs")).isFalse();
        assertThat(unknown.path("resultStillMatches")).isEqualTo(unknownReplay.path("reproducesStoredDecision"));
    }

    @Test
    void aDifferentBuildThatNoLongerReproducesTheDecisionIsTold() {
        var engine = Replays.engine("aaaa", "bbbb", false);
        assertThat(engine.getDiffers()).isTrue();
        assertThat(engine.getResultStillMatches()).isFalse();
        assertThat(Replays.engine("aaaa", null, true).getDiffers()).as("this build unknown").isNull();
        assertThat(Replays.engine("aaaa", null, true).getCurrent()).isEqualTo(EngineBuild.UNKNOWN);
    }

    private Response auditor(String path) {
        Response r = get(path, "Authorization", TestTokens.bearer("auditor-engine", Role.AUDITOR));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }
}
