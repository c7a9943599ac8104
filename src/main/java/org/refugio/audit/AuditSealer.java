package org.refugio.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.refugio.cluster.ClusterBatches;
import org.refugio.cluster.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Chains the pending audit entries (issue 14, item 1). Requests write complete entries to audit_pending in their
 * own transaction ({@link AuditTrail}); the sealer takes them in id order, in batches, signs each with the
 * previous record's digest exactly as before ({@link AuditRecord#canonical()}, {@link AuditKeys#chainDigest}),
 * appends them to audit_log, moves the chain head and deletes them from audit_pending: one transaction, one lock,
 * one commit per batch. A batch that fails (the database went away, a crash) rolls back whole, and the next run
 * seals the same entries.
 *
 * <p>One sealer per cluster ({@link ClusterLock}; the schedule and the on-demand runs are {@link ClusterBatches}'):
 * on PostgreSQL each batch first takes {@code pg_try_advisory_xact_lock} (released at its commit or rollback); a
 * node that does not get it leaves the batch to the node that did. H2 runs embedded on one node, where a JVM lock
 * does the same. Under either lock the batch also locks the chain head row, so even two sealers that both believed
 * they held the lock would queue there, and a pending entry deleted by one would make the other's delete count
 * short and roll it back: an entry is never chained twice and the chain never forks.
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
public class AuditSealer extends ClusterBatches {

    /** "refugio" as a number: the advisory lock key of the sealer. */
    public static final long LOCK_KEY = 0x726566756769L;
    /** The label of a pending entry's digest: the chain key over "pending\n" + canonical content (seq 0). */
    static final String PENDING = "pending";

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final ThreadLocal<Boolean> SEALING = ThreadLocal.withInitial(() -> false);

    private final AuditLog auditLog;
    private final AuditKeys keys;
    private final JdbcTemplate jdbc;
    private final ClusterLock lock;
    private final int batchSize;
    private final boolean postgres;

    private volatile String damaged;

    AuditSealer(AuditLog auditLog, AuditKeys keys, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                @Value("${refugio.audit.seal-batch:500}") int batchSize,
                @Value("${refugio.audit.seal-interval:200ms}") Duration interval,
                @Value("${refugio.audit.seal-wait:5s}") Duration onDemandWait) {
        super("audit sealer", batchSize, interval, onDemandWait, Duration.ofMillis(2));
        this.auditLog = auditLog;
        this.keys = keys;
        this.jdbc = jdbc;
        this.lock = new ClusterLock(LOCK_KEY, jdbc, transactions);
        this.batchSize = batchSize;
        this.postgres = lock.onPostgres();
    }

    /** What one batch did. */
    public record Batch(boolean lockTaken, int sealed) implements ClusterBatches.Batch {

        @Override
        public int count() {
            return sealed;
        }
    }

    /** The lock of the one sealer on an embedded H2. */
    static ReentrantLock jvmLock() {
        return ClusterLock.jvmLock(LOCK_KEY);
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
        try {
            Batch batch = lock.tryUnder(this::sealLocked);
            if (batch == null) {
                return new Batch(false, 0);
            }
            damaged = null;
            return batch;
        } catch (AuditLogDamagedException e) {
            damaged = e.getMessage();
            throw e;
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
        return drain();
    }

    /** Entries appended and not yet chained. */
    public long pendingCount() {
        return auditLog.pendingCount();
    }

    @Override
    protected boolean drain() {
        try {
            return super.drain();
        } catch (AuditLogDamagedException e) {
            log.error("The audit log cannot be sealed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    protected Batch batch() {
        return sealBatch();
    }

    @Override
    protected BooleanSupplier pendingNow() {
        long target = auditLog.lastPendingId();
        return () -> auditLog.pendingUpTo(target);
    }

    @Override
    protected void leftToAnotherNode() {
        // Another node seals; still notice a record written behind the service's back.
        damaged = auditLog.headDrift() > 0 ? "an audit record exists beyond the chain head" : null;
    }

    @Override
    protected String problem(RuntimeException failure) {
        return failure instanceof AuditLogDamagedException
                ? "The audit log cannot be sealed: " + failure.getMessage()
                : "Pending audit entries wait for the database: " + failure;
    }

    @Override
    protected void logProblem(String problem) {
        log.error(problem);
    }

    @Override
    protected void logRecovered() {
        log.info("Pending audit entries are sealed again");
    }

    @Override
    protected void logLeftAtStop(RuntimeException failure) {
        log.warn("Pending audit entries left for the next start: {}", failure.toString());
    }
}
