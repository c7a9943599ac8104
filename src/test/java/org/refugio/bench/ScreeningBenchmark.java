package org.refugio.bench;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.config.JsonConfig;
import org.refugio.eligibility.Evaluation;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.screening.ScreeningBench;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * One screening in-process, against the JSON round trip of the same request and response as the baseline
 * (issue 2: rule evaluation should cost no more than the JSON round trip). One thread: one core.
 * Run with {@code ./mvnw -Pbench test-compile exec:exec}; results go to BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(1)
@Threads(1)
public class ScreeningBenchmark {

    /** A scenario with family members (the heaviest public one) and one with few facts. */
    @Param({"01-juan-debt-bondage-farm-labor", "06-marta-unknown-facts", "14-kevin-unaccompanied-minor-labor"})
    public String scenario;

    private ObjectMapper json;
    private Ruleset ruleset;
    private String requestJson;
    private ScreeningFacts request;
    private ScreeningDecision decision;

    @Setup
    public void setUp() throws IOException {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
        new JsonConfig().strictJson().customize(builder);
        json = builder.build();
        ruleset = Ruleset.compile(RulesetFiles.fromClasspath("rules"));
        try (InputStream in = getClass().getResourceAsStream("/scenarios/public/" + scenario + ".json")) {
            requestJson = json.readTree(in).get("facts").toString();
        }
        request = json.readValue(requestJson, ScreeningFacts.class);
        decision = ScreeningBench.decide(ruleset, request, LocalDate.of(2026, 11, 26), UUID.randomUUID(), Instant.now());
    }

    /** Facts mapped, every rule evaluated and combined, the decision built with both languages. */
    @Benchmark
    public ScreeningDecision screening() {
        return ScreeningBench.decide(ruleset, request, LocalDate.of(2026, 11, 26), UUID.randomUUID(), Instant.now());
    }

    /** Only the rules: facts mapped, evaluated in Drools, combined (G-02). */
    @Benchmark
    public Evaluation rulesOnly() {
        return ScreeningBench.evaluate(ruleset, request, LocalDate.of(2026, 11, 26));
    }

    /** The baseline: deserialise the request and serialise the response, as the HTTP layer does. */
    @Benchmark
    public String jsonRoundTrip() throws IOException {
        json.readValue(requestJson, ScreeningFacts.class);
        return json.writeValueAsString(decision);
    }
}
