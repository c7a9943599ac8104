package org.refugio.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;
import org.refugio.cases.CaseService;
import org.refugio.cluster.ClusterLock;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Purges what the retention policy no longer lets the service keep ({@link RetentionPolicy}): first closed cases
 * older than {@code closed-cases} (with their screenings that no other case still holds), then screenings older
 * than {@code screenings} that belong to no case, or only to purged cases. A purge erases personal data and keeps
 * codes: see {@link CaseService#purgeClosed} and {@link ScreeningService#purge}.
 *
 * <p>Each batch of {@code batch-size} is one transaction that also records, through {@link AuditTrail}, one
 * {@code CASE_PURGED} entry per case and one {@code SCREENING_PURGED} entry per decision (ids, the cutoff and the
 * policy applied; codes only). The purge and its records commit together or not at all, so a purged decision always
 * has the record that lets the chain verification accept it without its facts.
 *
 * <p>One purger per cluster ({@link ClusterLock}, as the {@code AuditSealer} does it): on PostgreSQL each batch
 * first takes {@code pg_try_advisory_xact_lock} (released at its commit), and a node that does not get it leaves the
 * run to the node that did; on H2 (one embedded node) a JVM lock does the same. Under the lock each purge also only
 * touches rows not yet purged, so even two runs that both went ahead would not purge (or record) anything twice.
 * Its schedule is its own, not {@code ClusterBatches}': a run is two phases (cases, then screenings) that end at the
 * first batch another node holds; what is due depends on the clock, not on what was written before a call, so there
 * is nothing to drain on demand or at stop; and every failed run is logged, not only a new problem.
 */
@Service
public class RetentionJob implements SmartLifecycle {

    /** "retent" as a number: the advisory lock key of the purge job. */
    public static final long LOCK_KEY = 0x726574656e74L;

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionPolicy policy;
    private final CaseService cases;
    private final ScreeningService screenings;
    private final AuditTrail trail;
    private final JdbcTemplate jdbc;
    private final ClusterLock lock;
    private final Clock clock;

    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    RetentionJob(RetentionPolicy policy, CaseService cases, ScreeningService screenings, AuditTrail trail,
                 JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.policy = policy;
        this.cases = cases;
        this.screenings = screenings;
        this.trail = trail;
        this.jdbc = jdbc;
        this.lock = new ClusterLock(LOCK_KEY, jdbc, transactions);
        this.clock = clock;
    }

    /**
     * What one run did.
     *
     * @param lockTaken false when another node (or thread) was purging and this run left it to that one
     */
    public record Run(boolean lockTaken, int casesPurged, int screeningsPurged) { }

    private record Batch(boolean lockTaken, int found, int cases, int screenings) { }

    /** One run as of now. */
    public Run purge() {
        return purge(clock.instant());
    }

    /** One run as of {@code now}: closed cases first, then unattached screenings, a batch per transaction. */
    public Run purge(Instant now) {
        Instant caseCutoff = now.minus(policy.closedCases());
        Instant screeningCutoff = now.minus(policy.screenings());
        int purgedCases = 0;
        int purgedScreenings = 0;
        Batch batch;
        do {
            batch = locked(() -> purgeCases(caseCutoff, now));
            if (!batch.lockTaken()) {
                return new Run(false, purgedCases, purgedScreenings);
            }
            purgedCases += batch.cases();
            purgedScreenings += batch.screenings();
        } while (batch.found() == policy.batchSize());
        do {
            batch = locked(() -> purgeScreenings(screeningCutoff, now));
            if (!batch.lockTaken()) {
                return new Run(false, purgedCases, purgedScreenings);
            }
            purgedScreenings += batch.screenings();
        } while (batch.found() == policy.batchSize());
        return new Run(true, purgedCases, purgedScreenings);
    }

    private Batch locked(java.util.function.Supplier<Batch> work) {
        Batch batch = lock.tryUnder(work);
        return batch == null ? new Batch(false, 0, 0, 0) : batch;
    }

    private Batch purgeCases(Instant cutoff, Instant now) {
        List<UUID> due = jdbc.queryForList("select id from legal_aid_case where closed_at is not null"
                + " and closed_at < ? and purged_at is null order by closed_at, id limit ?", UUID.class,
                java.sql.Timestamp.from(cutoff), policy.batchSize());
        int purgedCases = 0;
        int purgedScreenings = 0;
        for (UUID caseId : due) {
            var screeningIds = cases.purgeClosed(caseId, now);
            if (screeningIds.isEmpty()) {
                continue;
            }
            purgedCases++;
            trail.record(AuditEntry.of(AuditTrail.CASE_PURGED, caseId.toString())
                    .withActor(Actor.SYSTEM.id())
                    .withDetail(Map.of("policy", "closed-cases", "cutoff", cutoff.toString(),
                            "screenings", screeningIds.get().size())));
            for (UUID screeningId : screeningIds.get()) {
                if (!heldByLiveCase(screeningId) && screenings.purge(screeningId, now)) {
                    purgedScreenings++;
                    recordScreening(screeningId, "closed-cases", cutoff, caseId);
                }
            }
        }
        return new Batch(true, due.size(), purgedCases, purgedScreenings);
    }

    private Batch purgeScreenings(Instant cutoff, Instant now) {
        List<UUID> due = jdbc.queryForList("select d.id from screening_decision d where d.purged_at is null"
                + " and d.decided_at < ?"
                + " and not exists (select 1 from case_screening cs join legal_aid_case c on c.id = cs.case_id"
                + "   where cs.screening_id = d.id and c.purged_at is null)"
                + " and not exists (select 1 from legal_aid_case c where c.screening_id = d.id and c.purged_at is null)"
                + " order by d.decided_at, d.id limit ?", UUID.class,
                java.sql.Timestamp.from(cutoff), policy.batchSize());
        List<UUID> purged = new ArrayList<>();
        for (UUID id : due) {
            if (screenings.purge(id, now)) {
                purged.add(id);
                recordScreening(id, "screenings", cutoff, null);
            }
        }
        return new Batch(true, due.size(), 0, purged.size());
    }

    /** True when a case not purged yet still holds the screening (its facts are then the case's record). */
    private boolean heldByLiveCase(UUID screeningId) {
        Integer n = jdbc.queryForObject("select count(*) from legal_aid_case c where c.purged_at is null and"
                + " (c.screening_id = ? or exists (select 1 from case_screening cs where cs.case_id = c.id"
                + " and cs.screening_id = ?))", Integer.class, screeningId, screeningId);
        return n != null && n > 0;
    }

    private void recordScreening(UUID id, String policyName, Instant cutoff, UUID caseId) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("policy", policyName);
        detail.put("cutoff", cutoff.toString());
        if (caseId != null) {
            detail.put("caseId", caseId.toString());
        }
        trail.record(AuditEntry.of(AuditTrail.SCREENING_PURGED, id.toString()).withDecision(id)
                .withActor(Actor.SYSTEM.id()).withDetail(detail));
    }

    /** One scheduled run; a failure (the database away, the audit log damaged) rolls its batch back and waits. */
    void run() {
        try {
            Run run = purge();
            if (run.casesPurged() > 0 || run.screeningsPurged() > 0) {
                log.info("Retention: purged {} closed cases and {} screenings", run.casesPurged(),
                        run.screeningsPurged());
            }
        } catch (RuntimeException e) {
            log.warn("Retention purge failed, its batch rolled back; the next run tries again: {}",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!policy.enabled() || policy.interval().isZero() || policy.interval().isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-purge");
            t.setDaemon(true);
            return t;
        });
        long every = policy.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
