package org.refugio.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains the pending audit entries (issue 14, item 1). Requests write complete entries to audit_pending in their
 * own transaction ({@link AuditTrail}); the sealer takes them in id order, in batches, signs each with the
 * previous record's digest exactly as before ({@link AuditRecord#canonical()}, {@link AuditKeys#chainDigest}),
 * appends them to audit_log, moves the chain head and deletes them from audit_pending: one transaction, one lock,
 * one commit per batch. A batch that fails (the database went away, a crash) rolls back whole, and the next run
 * seals the same entries.
 *
 * <p>One sealer per cluster: on PostgreSQL each batch first takes {@code pg_try_advisory_xact_lock} (released at
 * its commit or rollback); a node that does not get it leaves the batch to the node that did. H2 runs embedded on
 * one node, where a JVM lock does the same. Under either lock the batch also locks the chain head row, so even two
 * sealers that both believed they held the lock would queue there, and a pending entry deleted by one would make
 * the other's delete count short and roll it back: an entry is never chained twice and the chain never forks.
 *
 * <p>It runs every {@code refugio.audit.seal-interval} (200 ms) until nothing is pending, and on demand when an
 * auditor reads or verifies the log ({@link #sealPending()}). Bound: an acknowledged entry waits at most one
 * interval plus the time to seal what was pending before it (a batch of 500 takes milliseconds), so well under a
 * second on a healthy database; while the database is unreachable entries wait, committed, and are sealed when
 * it is back.
 *
 * <p>A record in audit_log beyond the chain head (written behind the service's back), or a pending entry whose
 * digest no longer matches its columns, stops the sealing and makes {@link AuditTrail} refuse new entries
 * ({@link AuditLogDamagedException}, a 503) until the log is consistent again.
 */
@Service
public class AuditSealer implements SmartLifecycle {

    /** "refugio" as a number: the advisory lock key of the sealer. */
    public static final long LOCK_KEY = 0x726566756769L;
    /** The label of a pending entry's digest: the chain key over "pending\n" + canonical content (seq 0). */
    static final String PENDING = "pending";

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final ThreadLocal<Boolean> SEALING = ThreadLocal.withInitial(() -> false);

    private final AuditLog auditLog;
    private final AuditKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int batchSize;
    private final Duration interval;
    private final Duration onDemandWait;
    private final boolean postgres;

    private volatile String damaged;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private String lastProblem;

    AuditSealer(AuditLog auditLog, AuditKeys keys, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                @Value("${refugio.audit.seal-batch:500}") int batchSize,
                @Value("${refugio.audit.seal-interval:200ms}") Duration interval,
                @Value("${refugio.audit.seal-wait:5s}") Duration onDemandWait) {
        this.auditLog = auditLog;
        this.keys = keys;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.interval = interval;
        this.onDemandWait = onDemandWait;
        this.postgres = "PostgreSQL".equalsIgnoreCase(jdbc.execute(
                (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    /** What one batch did. */
    public record Batch(boolean lockTaken, int sealed) { }

    /** The lock of the one sealer on an embedded H2. */
    static ReentrantLock jvmLock() {
        return JVM_LOCK;
    }

    /** True on the thread of an H2 sealing transaction (its delete trigger asks). */
    static boolean sealingOnThisThread() {
        return SEALING.get();
    }

    /** Null while the log is consistent; otherwise why nothing can be appended. */
    public String damaged() {
        return damaged;
    }

    /** The digest that protects a pending entry from being edited while it waits. */
    String pendingDigest(AuditRecord entry) {
        return keys.chainDigest(PENDING, entry.canonical());
    }

    /**
     * Seals one batch if this node gets the sealer's lock.
     *
     * @throws AuditLogDamagedException when the log holds a record beyond the head or a pending entry was edited
     */
    public Batch sealBatch() {
        if (!postgres && !JVM_LOCK.tryLock()) {
            return new Batch(false, 0);
        }
        try {
            Batch batch = tx.execute(status -> {
                if (postgres && !Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)",
                        Boolean.class, LOCK_KEY))) {
                    return new Batch(false, 0);
                }
                return sealLocked();
            });
            if (batch.lockTaken()) {
                damaged = null;
            }
            return batch;
        } catch (AuditLogDamagedException e) {
            damaged = e.getMessage();
            throw e;
        } finally {
            if (!postgres) {
                JVM_LOCK.unlock();
            }
        }
    }

    /** Seals one batch in the caller's transaction, the cluster's lock taken (tests call it without). */
    Batch sealLocked() {
        AuditLog.Head head = auditLog.lockHead();
        long last = auditLog.maxSeq();
        if (last > head.lastSeq()) {
            // A record where the next one must go (records cut off the end are for verification to name; the
            // chain goes on after the head, as it always did).
            throw new AuditLogDamagedException(head.lastSeq() + 1);
        }
        List<AuditLog.Pending> pending = auditLog.pending(batchSize);
        if (pending.isEmpty()) {
            return new Batch(true, 0);
        }
        Instant previousTime = head.lastSeq() == 0 ? Instant.EPOCH
                : auditLog.recordedAt(head.lastSeq()).orElse(Instant.EPOCH);
        String previousDigest = head.lastDigest();
        long seq = head.lastSeq();
        List<AuditRecord> records = new ArrayList<>(pending.size());
        List<Long> ids = new ArrayList<>(pending.size());
        for (AuditLog.Pending p : pending) {
            AuditRecord e = p.entry();
            if (!pendingDigest(e).equals(e.digest())) {
                throw new AuditLogDamagedException(seq + 1, "pending entry " + p.id()
                        + " no longer matches its digest: it was edited while it waited");
            }
            // Recorded when the request wrote it; never earlier than its predecessor, so times do not go backwards
            // along the chain when a transaction that wrote earlier committed later.
            Instant at = e.recordedAt().isBefore(previousTime) ? previousTime : e.recordedAt();
            AuditRecord unsigned = new AuditRecord(++seq, at, e.actor(), e.action(), e.subjectId(), e.decisionId(),
                    e.rulesetVersion(), e.rulesetSha256(), e.factsDigest(), e.detail(), keys.keyId(), previousDigest,
                    null);
            AuditRecord signed = unsigned.withDigest(keys.chainDigest(previousDigest, unsigned.canonical()));
            records.add(signed);
            ids.add(p.id());
            previousDigest = signed.digest();
            previousTime = at;
        }
        auditLog.appendAll(head, records);
        int deleted;
        SEALING.set(true);
        try {
            if (postgres) {
                jdbc.queryForObject("select set_config('refugio.audit_sealing', 'on', true)", String.class);
            }
            deleted = auditLog.deletePending(ids);
        } finally {
            SEALING.set(false);
        }
        if (deleted != ids.size()) {
            // Another sealer chained some of them first: roll this batch back rather than chain them twice.
            throw new IllegalStateException("pending audit entries were sealed by another sealer");
        }
        return new Batch(true, records.size());
    }

    /**
     * Seals every entry that was pending when called (what an auditor's read must see), waiting for another
     * node's sealer if it holds the lock, at most {@code refugio.audit.seal-wait}.
     *
     * @return true when nothing acknowledged before the call is still pending
     */
    public boolean sealPending() {
        long target = auditLog.lastPendingId();
        long deadline = System.nanoTime() + onDemandWait.toNanos();
        while (true) {
            Batch batch;
            try {
                batch = sealBatch();
            } catch (AuditLogDamagedException e) {
                log.error("The audit log cannot be sealed: {}", e.getMessage());
                return false;
            }
            if (batch.lockTaken() && batch.sealed() == 0) {
                return true;
            }
            if (!auditLog.pendingUpTo(target)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!batch.lockTaken()) {
                pause();
            }
        }
    }

    /** Entries appended and not yet chained. */
    public long pendingCount() {
        return auditLog.pendingCount();
    }

    /** One scheduled run: seal until nothing is pending or another node holds the lock. */
    void run() {
        try {
            Batch batch;
            do {
                batch = sealBatch();
            } while (running && batch.lockTaken() && batch.sealed() == batchSize);
            if (!batch.lockTaken()) {
                // Another node seals; still notice a record written behind the service's back.
                damaged = auditLog.headDrift() > 0 ? "an audit record exists beyond the chain head" : null;
            }
            problem(null);
        } catch (AuditLogDamagedException e) {
            problem("The audit log cannot be sealed: " + e.getMessage());
        } catch (RuntimeException e) {
            problem("Pending audit entries wait for the database: " + e);
        }
    }

    private void problem(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            log.error(problem);
        } else if (problem == null && lastProblem != null) {
            log.info("Pending audit entries are sealed again");
        }
        lastProblem = problem;
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit sealer", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-sealer");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            try {
                sealPending();
            } catch (RuntimeException e) {
                log.warn("Pending audit entries left for the next start: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
