package org.refugio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports' read model is kept off the screening's transaction (issues 13 and 14): a screening only appends
 * deltas, the folder adds them to report_screening_month, and the counts stay exact under concurrent screenings and
 * concurrent folders.
 */
class ScreeningRollupFoldingTest extends ApiTest {

    @Autowired
    ScreeningRollupFolder folder;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ScreeningRollup rollup;

    @Test
    void aRefillWithDeltasNotYetFoldedCountsEveryDecisionOnce() {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/screenings", "{}").status()).isEqualTo(201);
        }
        rollup.rebuild();
        for (int i = 0; i < 2; i++) {
            assertThat(post("/api/v1/screenings", "{}").status()).isEqualTo(201);
        }
        assertThat(folder.foldPending()).isTrue();
        YearMonth now = YearMonth.parse(month);
        assertThat(jdbc.queryForObject("select n from report_screening_month where dimension = 'SCREENINGS'"
                + " and report_month = ? and item = 'ALL'", Long.class, month)).isEqualTo(jdbc.queryForObject(
                "select count(*) from screening_decision where decided_at >= ? and decided_at < ?", Long.class,
                Timestamp.from(now.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                Timestamp.from(now.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))));
    }

    @Test
    void eightConcurrentScreenersAndConcurrentFoldersCountEveryDecisionExactlyOnce() throws Exception {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(folder.foldPending()).isTrue();
        long before = folded("SCREENINGS", month, "ALL");

        int threads = 8;
        int each = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger foldedByFolders = new AtomicInteger();
        AtomicInteger rolledBack = new AtomicInteger();
        // Two folders at once while the screenings are stored: one under the lock (as every node's does), one
        // without it, in its own transactions (as if two nodes both believed they held the lock).
        Future<?> locked = pool.submit(() -> {
            while (writing.get()) {
                try {
                    foldedByFolders.addAndGet(folder.foldBatch().folded());
                } catch (RuntimeException e) {
                    rolledBack.incrementAndGet(); // the unlocked folder took some of its rows: rolled back whole
                }
            }
        });
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Future<?> unlocked = pool.submit(() -> {
            while (writing.get()) {
                try {
                    foldedByFolders.addAndGet(tx.execute(s -> folder.foldLocked()).folded());
                } catch (RuntimeException e) {
                    rolledBack.incrementAndGet(); // another folder took some of its rows: rolled back whole
                }
            }
        });
        List<Future<Integer>> screeners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            screeners.add(pool.submit(() -> {
                int stored = 0;
                for (int i = 0; i < each; i++) {
                    Response made = post("/api/v1/screenings", "{}");
                    assertThat(made.status()).as(made.body()).isEqualTo(201);
                    stored++;
                }
                return stored;
            }));
        }
        int stored = 0;
        for (Future<Integer> s : screeners) {
            stored += s.get(5, TimeUnit.MINUTES);
        }
        writing.set(false);
        locked.get(1, TimeUnit.MINUTES);
        unlocked.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        // Two on-demand folds at once, then nothing is left and every count is the stored one.
        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Boolean> a = two.submit(folder::foldPending);
        Future<Boolean> b = two.submit(folder::foldPending);
        assertThat(a.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(b.get(1, TimeUnit.MINUTES)).isTrue();
        two.shutdown();
        assertThat(folder.foldPending()).isTrue();

        assertThat(stored).isEqualTo(threads * each);
        assertThat(folded("SCREENINGS", month, "ALL")).isEqualTo(before + stored);
        YearMonth now = YearMonth.parse(month);
        Timestamp start = Timestamp.from(now.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Timestamp end = Timestamp.from(now.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(folded("SCREENINGS", month, "ALL")).isEqualTo(jdbc.queryForObject(
                "select count(*) from screening_decision where decided_at >= ? and decided_at < ?", Long.class,
                start, end));
        Map<String, Long> outcomes = new HashMap<>();
        jdbc.query("select o.program || ':' || o.status k, count(*) n from screening_program_outcome o"
                + " join screening_decision d on d.id = o.decision_id where d.decided_at >= ? and d.decided_at < ?"
                + " group by o.program, o.status", rs -> {
                    outcomes.put(rs.getString("k"), rs.getLong("n"));
                }, start, end);
        Map<String, Long> counted = new HashMap<>();
        jdbc.query("select item, n from report_screening_month where dimension = 'PROGRAM_STATUS' and report_month = ?",
                rs -> {
                    counted.put(rs.getString("item"), rs.getLong("n"));
                }, month);
        assertThat(counted).isEqualTo(outcomes);
    }

    @Test
    void aScreeningCommitsWhileAnotherTransactionHoldsTheMonthsCounterRowLocked() throws Exception {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(post("/api/v1/screenings", "{}").status()).isEqualTo(201);
        assertThat(folder.foldPending()).isTrue();
        long decisionsBefore = count("screening_decision");

        CountDownLatch rowLocked = new CountDownLatch(1);
        CountDownLatch screened = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        Future<Boolean> screenedWhileLocked = holder.submit(() -> {
            try (Connection c = jdbc.getDataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("select n from report_screening_month"
                        + " where dimension = 'SCREENINGS' and report_month = ? and item = 'ALL' for update")) {
                    lock.setString(1, month);
                    try (ResultSet rs = lock.executeQuery()) {
                        assertThat(rs.next()).as("the month's counter row exists").isTrue();
                    }
                    rowLocked.countDown();
                    // Held until the screening answers (a screening that needed this row would wait for it; the
                    // bound only keeps a broken build from hanging).
                    return screened.await(2, TimeUnit.MINUTES);
                } finally {
                    c.rollback();
                }
            }
        });
        assertThat(rowLocked.await(1, TimeUnit.MINUTES)).isTrue();
        Response made = post("/api/v1/screenings", "{}");
        screened.countDown();
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(screenedWhileLocked.get(3, TimeUnit.MINUTES))
                .as("the screening was stored and answered while the month's counter row stayed locked").isTrue();
        holder.shutdown();
        assertThat(count("screening_decision")).isEqualTo(decisionsBefore + 1);
        assertThat(folder.foldPending()).isTrue();
    }

    /** Folded counts plus the deltas not yet folded, in one statement (as the reports read them). */
    private long folded(String dimension, String month, String item) {
        Long n = jdbc.queryForObject("select coalesce((select sum(n) from report_screening_month where dimension = ?"
                + " and report_month = ? and item = ?), 0) + (select count(*) from report_screening_delta"
                + " where dimension = ? and report_month = ? and item = ?)", Long.class,
                dimension, month, item, dimension, month, item);
        return n == null ? 0 : n;
    }
}
