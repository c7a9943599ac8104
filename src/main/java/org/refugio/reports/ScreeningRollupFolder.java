package org.refugio.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.refugio.reports.ScreeningRollup.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the report deltas into the read model (issues 13 and 14), the way {@code AuditSealer} chains the pending
 * audit entries. The transaction that stores a screening only appends the decision's keys to
 * {@code report_screening_delta} (V91), which contends on nothing; this folder takes them in id order, in batches,
 * and in one transaction per batch deletes exactly the rows it read (a short count rolls the batch back: another
 * folder took some of them) and adds their counts to {@code report_screening_month}, in key order. A batch that
 * fails rolls back whole and the next run folds the same rows; a delta is never counted twice.
 *
 * <p>One folder per cluster: on PostgreSQL each batch first takes {@code pg_try_advisory_xact_lock(LOCK_KEY)}
 * (released at its commit or rollback; a key of its own, not the audit sealer's); a node that does not get it
 * leaves the batch to the node that did. H2 runs embedded on one node, where a JVM lock does the same. The start-up
 * refill ({@link ScreeningRollup#rebuild()}) runs under the same lock.
 *
 * <p>It runs every {@code refugio.reports.fold-interval} (1 s; 0 turns the schedule off) until nothing is left,
 * batches of {@code refugio.reports.fold-batch} (5,000) rows, and on demand ({@link #foldPending()}). The reports
 * do not wait for it: they read the month table plus the rows not yet folded ({@link ReportQueries#screenings}).
 */
@Component
class ScreeningRollupFolder implements SmartLifecycle {

    /** "reports" as a number: the advisory lock key of the folder (the audit sealer's is "refugio"). */
    static final long LOCK_KEY = 0x7265706F727473L;

    private static final Logger log = LoggerFactory.getLogger(ScreeningRollupFolder.class);
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final int IN_LIST = 1000;

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final TransactionTemplate tx;
    private final int batchSize;
    private final Duration interval;
    private final boolean postgres;

    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private String lastProblem;

    ScreeningRollupFolder(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                          @Value("${refugio.reports.fold-batch:5000}") int batchSize,
                          @Value("${refugio.reports.fold-interval:1s}") Duration interval) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.interval = interval;
        this.postgres = "PostgreSQL".equalsIgnoreCase(jdbc.execute(
                (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    /** What one batch did. */
    record Batch(boolean lockTaken, int folded) { }

    /** Folds one batch if this node gets the folder's lock. */
    Batch foldBatch() {
        Batch batch = underLock(tx, this::foldLocked);
        return batch == null ? new Batch(false, 0) : batch;
    }

    /**
     * Runs work in a new transaction of the given template under the folder's lock (the advisory lock is the
     * transaction's first statement); null when another folder holds it.
     */
    <T> T underLock(TransactionTemplate template, Supplier<T> work) {
        if (!postgres && !JVM_LOCK.tryLock()) {
            return null;
        }
        try {
            return template.execute(status -> {
                if (postgres && !Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)",
                        Boolean.class, LOCK_KEY))) {
                    return null;
                }
                return work.get();
            });
        } finally {
            if (!postgres) {
                JVM_LOCK.unlock();
            }
        }
    }

    /** A new transaction of the given isolation, for {@link #underLock}. */
    TransactionTemplate transaction(int isolation) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setIsolationLevel(isolation);
        return template;
    }

    /**
     * Folds one batch in the caller's transaction, the lock taken (tests call it without: two such folders at once
     * still count every delta once, the second one's delete coming up short and rolling it back).
     */
    Batch foldLocked() {
        List<Long> ids = new ArrayList<>();
        Map<Key, Long> counts = new TreeMap<>();
        jdbc.query("select id, dimension, report_month, item from report_screening_delta order by id"
                + " fetch first " + batchSize + " rows only", rs -> {
                    ids.add(rs.getLong(1));
                    counts.merge(new Key(rs.getString(2), rs.getString(3), rs.getString(4)), 1L, Long::sum);
                });
        if (ids.isEmpty()) {
            return new Batch(true, 0);
        }
        // Exactly the rows read, not "id <= max": a screening that took a lower id may commit after this read.
        if (deleteDeltas(ids) != ids.size()) {
            throw new IllegalStateException("report deltas were folded by another folder");
        }
        add(counts);
        return new Batch(true, ids.size());
    }

    /** Deletes the deltas of these ids; answers how many were deleted. */
    int deleteDeltas(List<Long> ids) {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            deleted += jdbc.update("delete from report_screening_delta where id in ("
                    + "?,".repeat(part.size() - 1) + "?)", part.toArray());
        }
        return deleted;
    }

    /** Adds counts to the month table, in key order (two writers lock the rows in the same order). */
    void add(Map<Key, Long> counts) {
        List<Map.Entry<Key, Long>> rows = new ArrayList<>(new TreeMap<>(counts).entrySet());
        String sql = postgres
                ? "insert into report_screening_month (dimension, report_month, item, n) values (?, ?, ?, ?)"
                        + " on conflict (dimension, report_month, item) do update set n = report_screening_month.n + excluded.n"
                : "merge into report_screening_month t using (values (cast(? as varchar(16)), cast(? as char(7)),"
                        + " cast(? as varchar(120)), cast(? as bigint))) as s(dimension, report_month, item, n)"
                        + " on t.dimension = s.dimension and t.report_month = s.report_month and t.item = s.item"
                        + " when matched then update set n = t.n + s.n"
                        + " when not matched then insert (dimension, report_month, item, n)"
                        + " values (s.dimension, s.report_month, s.item, s.n)";
        jdbc.batchUpdate(sql, rows, 1000, (ps, e) -> {
            ps.setString(1, e.getKey().dimension());
            ps.setString(2, e.getKey().month());
            ps.setString(3, e.getKey().item());
            ps.setLong(4, e.getValue());
        });
    }

    /**
     * Folds every delta written before the call, waiting for another node's folder if it holds the lock (at most
     * 10 s).
     *
     * @return true when no delta written before the call is left
     */
    boolean foldPending() {
        Long target = jdbc.queryForObject("select max(id) from report_screening_delta", Long.class);
        if (target == null) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Batch batch = foldBatch();
            if (batch.lockTaken() && batch.folded() == 0) {
                return true;
            }
            Integer left = jdbc.queryForObject("select count(*) from (select 1 from report_screening_delta"
                    + " where id <= ? fetch first 1 rows only) x", Integer.class, target);
            if (left == null || left == 0) {
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

    /** One scheduled run: fold until nothing is left or another node holds the lock. */
    void run() {
        try {
            Batch batch;
            do {
                batch = foldBatch();
            } while (running && batch.lockTaken() && batch.folded() == batchSize);
            problem(null);
        } catch (RuntimeException e) {
            problem("Report deltas wait to be folded: " + e);
        }
    }

    private void problem(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            log.warn(problem);
        } else if (problem == null && lastProblem != null) {
            log.info("Report deltas are folded again");
        }
        lastProblem = problem;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the report folder", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-folder");
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
                foldPending();
            } catch (RuntimeException e) {
                log.warn("Report deltas left for the next start: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
