package org.refugio.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.refugio.cluster.ClusterBatches;
import org.refugio.cluster.ClusterLock;
import org.refugio.reports.ScreeningRollup.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the report deltas into the read model (issues 13 and 14), the way {@code AuditSealer} chains the pending
 * audit entries. The transaction that stores a screening only appends the decision's keys to
 * {@code report_screening_delta} (V91), which contends on nothing; this folder takes them in id order, in batches,
 * and in one transaction per batch deletes exactly the rows it read (a short count rolls the batch back: another
 * folder took some of them) and adds their counts to {@code report_screening_month}, in key order. A batch that
 * fails rolls back whole and the next run folds the same rows; a delta is never counted twice.
 *
 * <p>One folder per cluster ({@link ClusterLock}; the schedule and the on-demand runs are {@link ClusterBatches}'):
 * on PostgreSQL each batch first takes {@code pg_try_advisory_xact_lock(LOCK_KEY)} (released at its commit or
 * rollback; a key of its own, not the audit sealer's); a node that does not get it leaves the batch to the node that
 * did. H2 runs embedded on one node, where a JVM lock does the same. The start-up refill
 * ({@link ScreeningRollup#rebuild()}) runs under the same lock.
 *
 * <p>It runs every {@code refugio.reports.fold-interval} (1 s; 0 turns the schedule off) until nothing is left,
 * batches of {@code refugio.reports.fold-batch} (5,000) rows, and on demand ({@link #foldPending()}). The reports
 * do not wait for it: they read the month table plus the rows not yet folded ({@link ReportQueries#screenings}).
 */
@Component
class ScreeningRollupFolder extends ClusterBatches {

    /** "reports" as a number: the advisory lock key of the folder (the audit sealer's is "refugio"). */
    static final long LOCK_KEY = 0x7265706F727473L;

    private static final Logger log = LoggerFactory.getLogger(ScreeningRollupFolder.class);
    private static final int IN_LIST = 1000;

    private final JdbcTemplate jdbc;
    private final ClusterLock lock;
    private final int batchSize;
    private final boolean postgres;

    ScreeningRollupFolder(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                          @Value("${refugio.reports.fold-batch:5000}") int batchSize,
                          @Value("${refugio.reports.fold-interval:1s}") Duration interval) {
        super("report folder", batchSize, interval, Duration.ofSeconds(10), Duration.ofMillis(5));
        this.jdbc = jdbc;
        this.lock = new ClusterLock(LOCK_KEY, jdbc, transactions);
        this.batchSize = batchSize;
        this.postgres = lock.onPostgres();
    }

    /** What one batch did. */
    record Batch(boolean lockTaken, int folded) implements ClusterBatches.Batch {

        @Override
        public int count() {
            return folded;
        }
    }

    /** Folds one batch if this node gets the folder's lock. */
    Batch foldBatch() {
        Batch batch = lock.tryUnder(this::foldLocked);
        return batch == null ? new Batch(false, 0) : batch;
    }

    /**
     * Runs work in a new transaction of the given template under the folder's lock (the advisory lock is the
     * transaction's first statement); null when another folder holds it.
     */
    <T> T underLock(TransactionTemplate template, Supplier<T> work) {
        return lock.tryUnder(template, work);
    }

    /** A new transaction of the given isolation, for {@link #underLock}. */
    TransactionTemplate transaction(int isolation) {
        return lock.transaction(isolation);
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
        return drain();
    }

    @Override
    protected Batch batch() {
        return foldBatch();
    }

    @Override
    protected BooleanSupplier pendingNow() {
        Long target = jdbc.queryForObject("select max(id) from report_screening_delta", Long.class);
        if (target == null) {
            return null;
        }
        return () -> {
            Integer left = jdbc.queryForObject("select count(*) from (select 1 from report_screening_delta"
                    + " where id <= ? fetch first 1 rows only) x", Integer.class, target);
            return left != null && left > 0;
        };
    }

    @Override
    protected String problem(RuntimeException failure) {
        return "Report deltas wait to be folded: " + failure;
    }

    @Override
    protected void logProblem(String problem) {
        log.warn(problem);
    }

    @Override
    protected void logRecovered() {
        log.info("Report deltas are folded again");
    }

    @Override
    protected void logLeftAtStop(RuntimeException failure) {
        log.warn("Report deltas left for the next start: {}", failure.toString());
    }
}
