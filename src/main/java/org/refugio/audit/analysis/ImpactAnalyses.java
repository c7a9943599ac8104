package org.refugio.audit.analysis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.refugio.api.model.CandidateRuleset;
import org.refugio.api.model.ImpactAnalysis;
import org.refugio.api.model.ImpactAnalysisRequest;
import org.refugio.api.model.ImpactResult;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ProgramImpact;
import org.refugio.api.model.RulesetRef;
import org.refugio.api.model.StatusTransition;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.Status;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.ScreeningService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;

/**
 * Impact analyses: re-evaluate the stored facts of past decisions with a candidate ruleset and count, per program,
 * how many statuses would change and to what. Jobs run one at a time in the background; each job reads decisions
 * in keyset-ordered batches on one thread and evaluates them on refugio.audit.impact.threads workers (the engine
 * is CPU-bound and a KieBase hands out independent sessions to any number of threads). Live counters are in the
 * memory of the node that runs the job; its progress and result are written to the impact_analysis table (V41)
 * when it starts, every {@value #HEARTBEAT_SECONDS} seconds while it runs, and when it ends, so any node answers for
 * it and a restart keeps it. A job whose node stopped (no heartbeat for refugio.audit.impact.orphaned-after) is
 * marked FAILED when next read, never left RUNNING forever. That a job was run, by whom, on what, is in the log.
 */
@Service
class ImpactAnalyses {

    static final String ACTION = "IMPACT_ANALYSIS";
    private static final Logger log = LoggerFactory.getLogger(ImpactAnalyses.class);
    private static final int BATCH = 1000;
    private static final Pattern RULES_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Program[] PROGRAMS = Program.values();
    private static final Status[] STATUSES = Status.values();
    static final int HEARTBEAT_SECONDS = 2;

    private final ScreeningService screenings;
    private final Rulesets rulesets;
    private final AuditTrail trail;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final int threads;
    private final int maxListedIds;
    private final int keptJobs;
    private final Path candidateRoot;
    private final Duration orphanedAfter;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("impact-analysis"));
    private final java.util.concurrent.ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(daemon("impact-heartbeat"));

    ImpactAnalyses(ScreeningService screenings, Rulesets rulesets, AuditTrail trail, JdbcTemplate jdbc,
                   ObjectMapper json, Clock clock,
                   @Value("${refugio.audit.impact.threads:0}") int threads,
                   @Value("${refugio.audit.impact.max-listed-ids:10000}") int maxListedIds,
                   @Value("${refugio.audit.impact.kept-jobs:20}") int keptJobs,
                   @Value("${refugio.audit.candidate-rules-root:}") String candidateRoot,
                   @Value("${refugio.audit.impact.orphaned-after:PT1M}") Duration orphanedAfter) {
        this.screenings = screenings;
        this.rulesets = rulesets;
        this.trail = trail;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.maxListedIds = maxListedIds;
        this.keptJobs = keptJobs;
        this.candidateRoot = candidateRoot.isBlank() ? null : Path.of(candidateRoot).toAbsolutePath().normalize();
        this.orphanedAfter = orphanedAfter;
        // Queued jobs beat too: one waiting behind a long analysis is not orphaned.
        heartbeat.scheduleWithFixedDelay(() -> jobs.values().stream()
                        .filter(j -> j.state == ImpactAnalysis.StateEnum.QUEUED || j.state == ImpactAnalysis.StateEnum.RUNNING)
                        .forEach(this::save),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Compiles the candidate (so a broken candidate is refused at once), logs who started what, and queues the job.
     *
     * @throws InvalidCandidateException when the candidate cannot be read or compiled
     */
    Job start(ImpactAnalysisRequest request) {
        Ruleset candidate = candidate(request.getCandidate());
        OffsetDateTime from = request.getFrom();
        OffsetDateTime to = request.getTo();
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        long total = count(from, to);
        Job job = new Job(UUID.randomUUID(), candidate, from, to, total);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("candidateVersion", candidate.version());
        detail.put("candidateSha256", candidate.sha256());
        detail.put("from", from == null ? null : from.toInstant().toString());
        detail.put("to", to == null ? null : to.toInstant().toString());
        detail.put("decisions", total);
        trail.record(AuditEntry.of(ACTION, job.id.toString()).withDetail(detail));
        jdbc.update("insert into impact_analysis (id, state, candidate_version, candidate_sha256, total, processed,"
                        + " created_at, heartbeat_at, view) values (?, ?, ?, ?, ?, 0, ?, ?, ?)",
                job.id, job.state.getValue(), candidate.version(), candidate.sha256(), total,
                Timestamp.from(job.created), Timestamp.from(job.created), write(job.view()));
        jobs.put(job.id, job);
        forgetOldJobs();
        runner.submit(() -> run(job));
        return job;
    }

    /**
     * The analysis as it is now: live from this node's memory while it runs here, else as stored. An ended job is
     * read from the database, so no node (this one included) reports it finished before its result is stored.
     */
    Optional<ImpactAnalysis> find(UUID id) {
        Job live = jobs.get(id);
        if (live != null && (live.state == ImpactAnalysis.StateEnum.QUEUED
                || live.state == ImpactAnalysis.StateEnum.RUNNING)) {
            return Optional.of(live.view());
        }
        return jdbc.query("select state, heartbeat_at, view from impact_analysis where id = ?", rs -> {
            if (!rs.next()) {
                return Optional.<ImpactAnalysis>empty();
            }
            ImpactAnalysis stored = read(rs.getString("view"));
            Instant heartbeat = rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant();
            boolean unfinished = stored.getState() == ImpactAnalysis.StateEnum.QUEUED
                    || stored.getState() == ImpactAnalysis.StateEnum.RUNNING;
            if (unfinished && heartbeat.plus(orphanedAfter).isBefore(clock.instant())) {
                return Optional.of(orphaned(id, stored, heartbeat));
            }
            return Optional.of(stored);
        }, id);
    }

    /** A job whose node stopped: marked FAILED once (the first reader wins), with what it had done. */
    private ImpactAnalysis orphaned(UUID id, ImpactAnalysis stored, Instant heartbeat) {
        Instant now = clock.instant();
        stored.state(ImpactAnalysis.StateEnum.FAILED)
                .finishedAt(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .error("the analysis stopped: the node running it stopped (no progress since "
                        + heartbeat.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "); start it again");
        int updated = jdbc.update("update impact_analysis set state = ?, finished_at = ?, view = ?"
                        + " where id = ? and state in ('QUEUED', 'RUNNING')",
                stored.getState().getValue(), Timestamp.from(now), write(stored), id);
        if (updated == 0) {
            return find(id).orElse(stored);
        }
        log.warn("Impact analysis {} was left unfinished by a node that stopped; marked FAILED", id);
        return stored;
    }

    /** Writes a job's progress (and, once it ended, its result) for every node to read. */
    private void save(Job job) {
        try {
            ImpactAnalysis view = job.view();
            jdbc.update("update impact_analysis set state = ?, processed = ?, heartbeat_at = ?, finished_at = ?,"
                            + " view = ? where id = ?",
                    view.getState().getValue(), view.getProcessed(), Timestamp.from(clock.instant()),
                    job.finished == null ? null : Timestamp.from(job.finished), write(view), job.id);
        } catch (RuntimeException e) {
            log.error("Impact analysis {}: progress could not be stored ({})", job.id, e.getClass().getName());
        }
    }

    private String write(ImpactAnalysis view) {
        try {
            return json.writeValueAsString(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an impact analysis could not be written", e);
        }
    }

    private ImpactAnalysis read(String view) {
        try {
            return json.readValue(view, ImpactAnalysis.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored impact analysis could not be read", e);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        heartbeat.shutdownNow();
    }

    private Ruleset candidate(CandidateRuleset c) {
        if (c == null) {
            return rulesets.current();
        }
        RulesetFiles files;
        if (c.getDirectory() != null) {
            if (c.getFiles() != null || c.getRemovedFiles() != null) {
                throw new InvalidCandidateException("give either a directory or files over a base, not both");
            }
            files = RulesetFiles.fromDirectory(directory(c.getDirectory()));
        } else {
            String base = c.getBase() == null ? "current" : c.getBase();
            RulesetFiles baseFiles = base.equals("current") ? rulesets.current().files() : rulesets.byHash(base).files();
            Map<String, byte[]> edited = new TreeMap<>(baseFiles.files());
            if (c.getFiles() != null) {
                c.getFiles().forEach((path, text) -> edited.put(rulesPath(path), text.getBytes(StandardCharsets.UTF_8)));
            }
            if (c.getRemovedFiles() != null) {
                for (String path : c.getRemovedFiles()) {
                    if (edited.remove(rulesPath(path)) == null) {
                        throw new InvalidCandidateException("removedFiles names " + path + ", which the base does not have");
                    }
                }
            }
            files = new RulesetFiles(edited);
        }
        try {
            return rulesets.compile(files);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidCandidateException("the candidate ruleset is not valid: "
                    + (message.length() > 2000 ? message.substring(0, 2000) + "…" : message));
        }
    }

    private Path directory(String requested) {
        if (candidateRoot == null) {
            throw new InvalidCandidateException("candidate directories are disabled: set refugio.audit.candidate-rules-root");
        }
        Path dir = candidateRoot.resolve(requested).toAbsolutePath().normalize();
        if (!dir.startsWith(candidateRoot) || !Files.isDirectory(dir)) {
            throw new InvalidCandidateException("directory must name a rules directory under the candidate root");
        }
        return dir;
    }

    private static String rulesPath(String path) {
        if (path == null || !RULES_PATH.matcher(path).matches() || path.contains("..")) {
            throw new InvalidCandidateException("not a path inside rules/: " + path);
        }
        return path;
    }

    private long count(OffsetDateTime from, OffsetDateTime to) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from screening_decision where " + range(from, to, args),
                Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String range(OffsetDateTime from, OffsetDateTime to, List<Object> args) {
        // Decisions purged under the retention policy have no facts to re-evaluate: they are left out of the range
        // (neither counted nor compared), so an analysis covers the decisions still stored.
        StringBuilder where = new StringBuilder("purged_at is null");
        if (from != null) {
            where.append(" and decided_at >= ?");
            args.add(Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            where.append(" and decided_at < ?");
            args.add(Timestamp.from(to.toInstant()));
        }
        return where.toString();
    }

    private record Row(UUID id, String factsJson, byte[] stored) { }

    private static final List<Row> END = List.of();

    private void run(Job job) {
        job.started = clock.instant();
        job.state = ImpactAnalysis.StateEnum.RUNNING;
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemon("impact-worker"));
        BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(threads * 2);
        save(job);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(workers.submit(() -> work(job, queue)));
            }
            read(job, queue);
            for (int i = 0; i < threads; i++) {
                queue.put(END);
            }
            for (var f : running) {
                f.get();
            }
            job.finished = clock.instant();
            job.state = ImpactAnalysis.StateEnum.DONE;
        } catch (Exception e) {
            log.error("Impact analysis {} failed: {}", job.id, e.getClass().getName());
            job.error = "the analysis stopped: " + e.getClass().getSimpleName();
            job.finished = clock.instant();
            job.state = ImpactAnalysis.StateEnum.FAILED;
        } finally {
            workers.shutdownNow();
            save(job);
        }
    }

    /** Reads decisions in (decided_at, id) order, a batch at a time, so memory stays flat however large the range. */
    private void read(Job job, BlockingQueue<List<Row>> queue) throws InterruptedException {
        OffsetDateTime lastTime = null;
        UUID lastId = null;
        while (true) {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select id, decided_at, facts from screening_decision where ")
                    .append(range(job.from, job.to, args));
            if (lastTime != null) {
                sql.append(" and (decided_at > ? or (decided_at = ? and id > ?))");
                args.add(lastTime);
                args.add(lastTime);
                args.add(lastId);
            }
            sql.append(" order by decided_at, id limit ").append(BATCH);
            List<UUID> ids = new ArrayList<>(BATCH);
            List<String> facts = new ArrayList<>(BATCH);
            OffsetDateTime[] time = new OffsetDateTime[1];
            jdbc.query(sql.toString(), rs -> {
                ids.add(rs.getObject(1, UUID.class));
                time[0] = rs.getObject(2, OffsetDateTime.class);
                facts.add(rs.getString(3));
            }, args.toArray());
            if (ids.isEmpty()) {
                return;
            }
            Map<UUID, byte[]> stored = storedStatuses(ids);
            List<Row> batch = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                batch.add(new Row(ids.get(i), facts.get(i), stored.get(ids.get(i))));
            }
            queue.put(batch);
            lastTime = time[0];
            lastId = ids.get(ids.size() - 1);
            if (ids.size() < BATCH) {
                return;
            }
        }
    }

    private Map<UUID, byte[]> storedStatuses(List<UUID> ids) {
        Map<UUID, byte[]> stored = new HashMap<>(ids.size() * 2);
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.query("select decision_id, program, status from screening_program_outcome where decision_id in (" + marks + ")",
                rs -> {
                    byte[] statuses = stored.computeIfAbsent(rs.getObject(1, UUID.class), k -> unknownStatuses());
                    statuses[Program.valueOf(rs.getString(2)).ordinal()] = (byte) Status.valueOf(rs.getString(3)).ordinal();
                }, ids.toArray());
        return stored;
    }

    private static byte[] unknownStatuses() {
        byte[] statuses = new byte[PROGRAMS.length];
        java.util.Arrays.fill(statuses, (byte) -1);
        return statuses;
    }

    private void work(Job job, BlockingQueue<List<Row>> queue) {
        try {
            for (List<Row> batch = queue.take(); batch != END; batch = queue.take()) {
                for (Row row : batch) {
                    compare(job, row);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One decision: every program's stored status against the candidate's; failures are counted, never hidden. */
    void compare(Job job, Row row) {
        try {
            ScreeningFacts facts = json.readValue(row.factsJson(), ScreeningFacts.class);
            Evaluation evaluation = screenings.evaluate(facts, job.candidate);
            boolean changed = false;
            byte[] stored = row.stored() == null ? unknownStatuses() : row.stored();
            for (Evaluation.ProgramOutcome p : evaluation.programs()) {
                int before = stored[p.program().ordinal()];
                if (before < 0) {
                    continue;
                }
                int after = p.status().ordinal();
                if (before != after) {
                    job.transitions[p.program().ordinal()][before][after].increment();
                    changed = true;
                }
            }
            job.compared.increment();
            if (changed) {
                job.changed.increment();
                if (job.listed.incrementAndGet() <= maxListedIds) {
                    job.affected.add(row.id());
                }
            }
        } catch (Exception e) {
            job.failed.increment();
            log.debug("Impact analysis {}: decision {} could not be evaluated ({})", job.id, row.id(),
                    e.getClass().getName());
        } finally {
            job.processed.incrementAndGet();
        }
    }

    private void forgetOldJobs() {
        if (jobs.size() <= keptJobs) {
            return;
        }
        jobs.values().stream()
                .filter(j -> j.state == ImpactAnalysis.StateEnum.DONE || j.state == ImpactAnalysis.StateEnum.FAILED)
                .sorted(java.util.Comparator.comparing(j -> j.created))
                .limit(jobs.size() - keptJobs)
                .forEach(j -> jobs.remove(j.id));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One analysis: its parameters, live counters, and its view for the API. */
    final class Job {
        final UUID id;
        final Ruleset candidate;
        final OffsetDateTime from;
        final OffsetDateTime to;
        final long total;
        final Instant created = clock.instant();
        volatile ImpactAnalysis.StateEnum state = ImpactAnalysis.StateEnum.QUEUED;
        volatile Instant started;
        volatile Instant finished;
        volatile String error;
        final AtomicLong processed = new AtomicLong();
        final LongAdder compared = new LongAdder();
        final LongAdder changed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicInteger listed = new AtomicInteger();
        final ConcurrentLinkedQueue<UUID> affected = new ConcurrentLinkedQueue<>();
        final LongAdder[][][] transitions = new LongAdder[PROGRAMS.length][STATUSES.length][STATUSES.length];

        Job(UUID id, Ruleset candidate, OffsetDateTime from, OffsetDateTime to, long total) {
            this.id = id;
            this.candidate = candidate;
            this.from = from;
            this.to = to;
            this.total = total;
            for (LongAdder[][] p : transitions) {
                for (LongAdder[] s : p) {
                    for (int i = 0; i < s.length; i++) {
                        s[i] = new LongAdder();
                    }
                }
            }
        }

        ImpactAnalysis view() {
            long done = processed.get();
            Instant start = started;
            Instant end = finished != null ? finished : clock.instant();
            double seconds = start == null ? 0 : Math.max(Duration.between(start, end).toNanos() / 1e9, 1e-3);
            ImpactAnalysis view = new ImpactAnalysis()
                    .id(id)
                    .state(state)
                    .candidate(new RulesetRef().version(candidate.version()).sha256(candidate.sha256()))
                    .from(from)
                    .to(to)
                    .total(total)
                    .processed(done)
                    .percentDone(total == 0 ? (state == ImpactAnalysis.StateEnum.DONE ? 100.0 : 0.0)
                            : Math.round(done * 1000.0 / total) / 10.0)
                    .ratePerSecond(seconds == 0 ? 0.0 : Math.round(done / seconds * 10) / 10.0)
                    .startedAt(start == null ? null : OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                    .finishedAt(finished == null ? null : OffsetDateTime.ofInstant(finished, ZoneOffset.UTC))
                    .error(error);
            if (state == ImpactAnalysis.StateEnum.DONE) {
                view.result(result());
            }
            return view;
        }

        private ImpactResult result() {
            List<ProgramImpact> programs = new ArrayList<>();
            for (Program program : PROGRAMS) {
                ProgramImpact impact = new ProgramImpact().program(ProgramCode.valueOf(program.name()))
                        .transitions(new ArrayList<>());
                long programChanged = 0;
                for (Status before : STATUSES) {
                    for (Status after : STATUSES) {
                        long n = transitions[program.ordinal()][before.ordinal()][after.ordinal()].sum();
                        if (n > 0) {
                            programChanged += n;
                            impact.addTransitionsItem(new StatusTransition()
                                    .from(org.refugio.api.model.Status.valueOf(before.name()))
                                    .to(org.refugio.api.model.Status.valueOf(after.name())).count(n));
                        }
                    }
                }
                programs.add(impact.changed(programChanged));
            }
            return new ImpactResult()
                    .decisionsCompared(compared.sum())
                    .decisionsChanged(changed.sum())
                    .decisionsFailed(failed.sum())
                    .programs(programs)
                    .affectedDecisionIds(affected.stream().sorted().toList())
                    .affectedDecisionIdsTruncated(listed.get() > maxListedIds);
        }
    }
}
