package org.refugio.audit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.scenarios.Scenario;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An impact analysis over a generated set of stored decisions counts exactly what a brute-force comparison
 * counts: every stored decision's facts evaluated with the candidate, program by program, against the stored status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactAnalysisTest extends ApiTest {

    static final Path CANDIDATE_ROOT = createRoot();
    static final Actor GENERATOR = new Actor("test-generator", java.util.Set.of(Role.CASEWORKER));

    @DynamicPropertySource
    static void candidateRoot(DynamicPropertyRegistry registry) {
        registry.add("refugio.audit.candidate-rules-root", CANDIDATE_ROOT::toString);
    }

    @Autowired
    ScreeningService screenings;

    Instant from;
    Instant to;

    /** Scenario facts, and variants with facts removed at random: a mix of every status for every program. */
    @BeforeAll
    void generatedDecisions() throws Exception {
        from = Instant.now();
        Random random = new Random(20261126);
        List<Scenario> scenarios = Scenario.all();
        for (int i = 0; i < 240; i++) {
            ObjectNode facts = scenarios.get(i % scenarios.size()).facts().deepCopy();
            if (i >= scenarios.size()) {
                removeSomeFacts(facts, random);
            }
            screenings.screen(JSON.treeToValue(facts, ScreeningFacts.class), GENERATOR);
        }
        to = Instant.now().plusMillis(1);
    }

    @Test
    void theCountsMatchABruteForceComparisonOverTheSameDecisions() throws Exception {
        RulesetFiles candidateFiles = ChangedRules.changed("2026.12.0-candidate");
        String body = JSON.createObjectNode()
                .put("from", from.toString()).put("to", to.toString())
                .set("candidate", JSON.createObjectNode()
                        .put("base", "current")
                        .set("files", JSON.createObjectNode()
                                .put(ChangedRules.FILE, ChangedRules.changedMexicoDrl())
                                .put("ruleset.properties", ChangedRules.changedVersionProperties("2026.12.0-candidate"))))
                .toString();

        Response started = post("/api/v1/audit/impact-analyses", body, "Authorization", TestTokens.bearer("auditor-7", Role.AUDITOR));

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("candidate").path("sha256").asText()).isEqualTo(candidateFiles.sha256());
        assertThat(started.json().path("total").asLong()).isEqualTo(240);
        JsonNode done = awaitDone(started.header("Location"));
        assertThat(done.path("processed").asLong()).isEqualTo(240);
        assertThat(done.path("percentDone").asDouble()).isEqualTo(100.0);
        assertThat(done.path("ratePerSecond").asDouble()).isPositive();

        Expected expected = bruteForce(Ruleset.compile(candidateFiles));
        JsonNode result = done.path("result");
        assertThat(result.path("decisionsCompared").asLong()).isEqualTo(240);
        assertThat(result.path("decisionsFailed").asLong()).isZero();
        assertThat(result.path("decisionsChanged").asLong()).isEqualTo(expected.affected.size()).isPositive();
        assertThat(transitions(result)).isEqualTo(expected.transitions);
        TreeSet<String> affected = new TreeSet<>();
        result.path("affectedDecisionIds").forEach(id -> affected.add(id.asText()));
        assertThat(affected).isEqualTo(expected.affected);
        assertThat(result.path("affectedDecisionIdsTruncated").asBoolean()).isFalse();
        // Who ran it, on what.
        auditorSeals();
        assertThat(jdbc.queryForObject("select detail from audit_log where action = 'IMPACT_ANALYSIS' and actor = 'auditor-7'"
                + " order by seq desc limit 1", String.class)).contains(candidateFiles.sha256(), "\"decisions\":240");
    }

    @Test
    void aCandidateDirectoryOnTheServerIsAnalysedLikeUploadedFiles() throws Exception {
        RulesetFiles candidate = ChangedRules.changed("2026.12.1-directory");
        ChangedRules.write(candidate, Files.createDirectories(CANDIDATE_ROOT.resolve("next")));
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"candidate\":{\"directory\":\"next\"}}";

        Response started = post("/api/v1/audit/impact-analyses", body);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode result = awaitDone(started.header("Location")).path("result");
        assertThat(transitions(result)).isEqualTo(bruteForce(Ruleset.compile(candidate)).transitions);
    }

    @Test
    void theCurrentRulesetChangesNothingItDecidedItself() {
        Response started = post("/api/v1/audit/impact-analyses", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");

        JsonNode result = awaitDone(started.header("Location")).path("result");
        assertThat(result.path("decisionsCompared").asLong()).isEqualTo(240);
        assertThat(result.path("decisionsChanged").asLong()).isZero();
        assertThat(result.path("affectedDecisionIds")).isEmpty();
    }

    @Test
    void unusableCandidatesAreRefusedAtOnce() {
        Response broken = post("/api/v1/audit/impact-analyses",
                "{\"candidate\":{\"files\":{\"mexico/mexico.drl\":\"rule \\\"x\\\" when then oops end\"}}}");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().path("type").asText()).isEqualTo("urn:problem-type:refugio:invalid-ruleset");

        Response escaping = post("/api/v1/audit/impact-analyses", "{\"candidate\":{\"directory\":\"../../etc\"}}");
        assertThat(escaping.status()).isEqualTo(422);

        Response traversal = post("/api/v1/audit/impact-analyses", "{\"candidate\":{\"files\":{\"../x.drl\":\"\"}}}");
        assertThat(traversal.status()).isEqualTo(422);

        Response unknownBase = post("/api/v1/audit/impact-analyses", "{\"candidate\":{\"base\":\"" + "0".repeat(64) + "\"}}");
        assertThat(unknownBase.status()).isEqualTo(404);
        assertThat(get("/api/v1/audit/impact-analyses/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    record Expected(Map<String, Long> transitions, TreeSet<String> affected) { }

    /** Every decision in the range, straight from the tables, through the candidate, one by one. */
    private Expected bruteForce(Ruleset candidate) throws Exception {
        Map<String, Long> transitions = new TreeMap<>();
        TreeSet<String> affected = new TreeSet<>();
        List<Map<String, Object>> rows = jdbc.queryForList("select id, facts from screening_decision"
                + " where decided_at >= ? and decided_at < ?", java.sql.Timestamp.from(from), java.sql.Timestamp.from(to));
        assertThat(rows).hasSize(240);
        for (Map<String, Object> row : rows) {
            String id = row.get("id").toString();
            Map<String, String> stored = new HashMap<>();
            jdbc.queryForList("select program, status from screening_program_outcome where decision_id = cast(? as uuid)", id)
                    .forEach(o -> stored.put(o.get("program").toString(), o.get("status").toString()));
            Evaluation evaluation = screenings.evaluate(
                    JSON.readValue(row.get("facts").toString(), ScreeningFacts.class), candidate);
            for (Evaluation.ProgramOutcome p : evaluation.programs()) {
                String before = stored.get(p.program().name());
                if (!before.equals(p.status().name())) {
                    transitions.merge(p.program().name() + " " + before + " -> " + p.status().name(), 1L, Long::sum);
                    affected.add(id);
                }
            }
        }
        return new Expected(transitions, affected);
    }

    private static Map<String, Long> transitions(JsonNode result) {
        Map<String, Long> transitions = new TreeMap<>();
        for (JsonNode program : result.path("programs")) {
            long sum = 0;
            for (JsonNode t : program.path("transitions")) {
                transitions.put(program.path("program").asText() + " " + t.path("from").asText() + " -> "
                        + t.path("to").asText(), t.path("count").asLong());
                sum += t.path("count").asLong();
            }
            assertThat(program.path("changed").asLong()).isEqualTo(sum);
        }
        return transitions;
    }

    private JsonNode awaitDone(String location) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = get(location).json();
            String state = job.path("state").asText();
            if (state.equals("DONE")) {
                return job;
            }
            assertThat(state).as(job.toString()).isIn("QUEUED", "RUNNING");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the impact analysis did not finish in 2 minutes");
    }

    private static void removeSomeFacts(ObjectNode facts, Random random) {
        List<String> names = new ArrayList<>();
        facts.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!name.equals("asOfDate") && random.nextInt(3) == 0) {
                facts.remove(name);
            }
        }
        JsonNode person = facts.get("person");
        if (person instanceof ObjectNode p && random.nextBoolean()) {
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                it.next();
                if (random.nextInt(3) == 0) {
                    it.remove();
                }
            }
        }
    }

    private static Path createRoot() {
        try {
            return Files.createTempDirectory("refugio-candidates");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
