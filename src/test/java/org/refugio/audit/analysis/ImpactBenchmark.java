package org.refugio.audit.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.refugio.RefugioApplication;
import org.refugio.api.model.ImpactAnalysis;
import org.refugio.api.model.ImpactAnalysisRequest;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.Rulesets;
import org.refugio.scenarios.Scenario;
import org.refugio.screening.FactsMapper;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast stored decisions are re-evaluated: first the engine alone (parse, map, evaluate) on one thread and on
 * every core, then a real impact analysis over decisions stored in PostgreSQL. Not a test: run it by hand
 * (BENCHMARKS.md) on an otherwise idle machine. Arguments: decisions to have stored (default 20000), seconds per
 * in-memory phase (default 10; 0 skips them). Database: REFUGIO_BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/refugio_bench).
 */
public final class ImpactBenchmark {

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String url = System.getenv().getOrDefault("REFUGIO_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/refugio_bench");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, Java %s, max heap %d MB%n", cores, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RefugioApplication.class)
                .logStartupInfo(false)
                .run(java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0",
                                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                                "--logging.level.root=WARN"),
                        java.util.Arrays.stream(org.refugio.support.TestDeployment.arguments())).toArray(String[]::new))) {
            ScreeningService screenings = app.getBean(ScreeningService.class);
            Ruleset ruleset = app.getBean(Rulesets.class).current();
            ObjectMapper json = app.getBean(ObjectMapper.class);
            List<String> facts = generated(json, 2_000);

            if (seconds > 0) {
                engineAlone(json, ruleset, facts, 1, seconds);
                engineAlone(json, ruleset, facts, cores, seconds);
            }

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long stored = jdbc.queryForObject("select count(*) from screening_decision", Long.class);
            if (stored < decisions) {
                store(screenings, json, decisions - (int) stored, cores);
            }
            ImpactAnalyses analyses = app.getBean(ImpactAnalyses.class);
            for (int run = 1; run <= 2; run++) {
                ImpactAnalyses.Job job = analyses.start(new ImpactAnalysisRequest());
                ImpactAnalysis view = job.view();
                while (view.getState() != ImpactAnalysis.StateEnum.DONE && view.getState() != ImpactAnalysis.StateEnum.FAILED) {
                    Thread.sleep(250);
                    view = job.view();
                }
                System.out.printf("impact analysis run %d (PostgreSQL, %d worker threads): %d decisions in %.1f s = %.0f decisions/s"
                                + " (changed %d, failed %d)%n", run, cores, view.getProcessed(),
                        view.getProcessed() / view.getRatePerSecond(), view.getRatePerSecond(),
                        view.getResult() == null ? -1 : view.getResult().getDecisionsChanged(),
                        view.getResult() == null ? -1 : view.getResult().getDecisionsFailed());
            }
        }
    }

    /** Parse stored JSON, map to facts, evaluate: the per-decision work of an impact analysis, without the database. */
    static void engineAlone(ObjectMapper json, Ruleset ruleset, List<String> facts, int threads, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        AtomicLong parse = new AtomicLong();
        AtomicLong map = new AtomicLong();
        AtomicLong evaluate = new AtomicLong();
        try {
            // Warm-up, then measure.
            for (int phase = 0; phase < 2; phase++) {
                boolean measure = phase == 1;
                long end = System.nanoTime() + (measure ? seconds : Math.max(3, seconds / 2)) * 1_000_000_000L;
                done.set(0);
                parse.set(0);
                map.set(0);
                evaluate.set(0);
                long start = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 97;
                    running.add(pool.submit(() -> {
                        int i = offset;
                        while (System.nanoTime() < end) {
                            String text = facts.get(i++ % facts.size());
                            long a = System.nanoTime();
                            ScreeningFacts f = read(json, text);
                            long b = System.nanoTime();
                            CaseFacts cf = FactsMapper.map(f, LocalDate.of(2026, 11, 26));
                            long c = System.nanoTime();
                            ruleset.engine().evaluate(cf);
                            long d = System.nanoTime();
                            parse.addAndGet(b - a);
                            map.addAndGet(c - b);
                            evaluate.addAndGet(d - c);
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                if (measure) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    long n = done.get();
                    System.out.printf("engine alone, %d thread(s): %.0f decisions/s; per decision: parse %.0f µs,"
                                    + " map %.0f µs, evaluate %.0f µs (wall time per call)%n", threads, n / elapsed,
                            parse.get() / 1e3 / n, map.get() / 1e3 / n, evaluate.get() / 1e3 / n);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static ScreeningFacts read(ObjectMapper json, String text) {
        try {
            return json.readValue(text, ScreeningFacts.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void store(ScreeningService screenings, ObjectMapper json, int count, int threads) throws Exception {
        List<String> facts = generated(json, count);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    for (int i = first; i < facts.size(); i += threads) {
                        screenings.screen(read(json, facts.get(i)), new Actor("benchmark", java.util.Set.of(Role.CASEWORKER)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("stored %d decisions through ScreeningService (with audit records) in %.1f s%n", count,
                (System.nanoTime() - start) / 1e9);
    }

    /** The public scenarios and variants of them with facts removed at random, as stored facts. */
    static List<String> generated(ObjectMapper json, int count) {
        Random random = new Random(42);
        List<Scenario> scenarios = Scenario.all();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode facts = scenarios.get(i % scenarios.size()).facts().deepCopy();
            if (i >= scenarios.size()) {
                List<String> names = new ArrayList<>();
                facts.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!name.equals("asOfDate") && random.nextInt(4) == 0) {
                        facts.remove(name);
                    }
                }
                JsonNode person = facts.get("person");
                if (person instanceof ObjectNode p) {
                    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                        it.next();
                        if (random.nextInt(4) == 0) {
                            it.remove();
                        }
                    }
                }
            }
            if (!facts.has("asOfDate")) {
                facts.put("asOfDate", "2026-11-26");
            }
            out.add(facts.toString());
        }
        return out;
    }
}
