package org.refugio.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.refugio.RefugioApplication;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.cases.CaseService;
import org.refugio.support.TestDeployment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases opened per second up to their first wait state, on PostgreSQL: each call stores the case, starts the
 * process, screens the facts (rules, decision stored), chooses a provider by the rules, proposes the referral and
 * opens the review and fact-gathering tasks, in one transaction. In-process through the case facade (no HTTP).
 * Needs an existing, preferably empty database:
 * <pre>
 * createdb -h 127.0.0.1 -U postgres refugio_bench
 * REFUGIO_BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/refugio_bench \
 *   ./mvnw -Pbench test-compile exec:exec -Dbench.args="CaseOpeningBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class CaseOpeningBenchmark {

    private ConfigurableApplicationContext application;
    private CaseService cases;
    private ScreeningFacts marta;

    @Setup
    public void start() throws IOException {
        String url = System.getenv().getOrDefault("REFUGIO_BENCH_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/refugio_bench");
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getenv().getOrDefault("REFUGIO_BENCH_DB_USER", "postgres"),
                "--spring.datasource.password=" + System.getenv().getOrDefault("REFUGIO_BENCH_DB_PASSWORD", ""),
                "--server.port=0",
                "--refugio.providers.demo-seed=always",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(TestDeployment.arguments()));
        application = new SpringApplicationBuilder(RefugioApplication.class).run(arguments.toArray(String[]::new));
        // Room for every case the run opens: the benchmark measures routing, not a full directory.
        application.getBean(JdbcTemplate.class).update("update legal_aid_provider set capacity = 10000000");
        cases = application.getBean(CaseService.class);
        ObjectMapper json = application.getBean(ObjectMapper.class);
        try (InputStream in = CaseOpeningBenchmark.class
                .getResourceAsStream("/scenarios/public/06-marta-unknown-facts.json")) {
            marta = json.treeToValue(json.readTree(in).path("facts"), ScreeningFacts.class);
        }
    }

    @TearDown
    public void stop() {
        application.close();
    }

    @Benchmark
    @Threads(1)
    public UUID openCaseOneThread() {
        return cases.open(new CaseService.OpenCase(marta, null, Set.of("es"), null));
    }

    @Benchmark
    @Threads(2)
    public UUID openCaseTwoThreads() {
        return cases.open(new CaseService.OpenCase(marta, null, Set.of("es"), null));
    }
}
