package org.refugio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.security.Role;
import org.refugio.support.ApiTest;
import org.refugio.support.TestDatabase;
import org.refugio.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14, item 1: entries are appended pending by the requests and chained by one sealer per cluster. Whatever
 * the sealers do at the same time, every entry ends up on the chain exactly once, each writer's entries in the
 * order it wrote them, the chain one line; a batch the database drops midway leaves everything pending for the
 * next run; only the sealer removes pending entries.
 */
class AuditSealingTest extends ApiTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditKeys keys;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void entriesAppendedConcurrentlyByManyThreadsAreAllChainedOnceInTheOrderEachThreadWroteThem() throws Exception {
        String run = run();
        long before = head();
        int writers = 8;
        int each = 40;
        inParallel(writers, w -> {
            for (int i = 0; i < each; i++) {
                trail.record(entry(run, w, i));
            }
        });
        auditorSeals();
        assertChainedOnceInOrder(run, writers, each, before);
    }

    @Test
    void twoSealersRacingNeverForkTheChainNorSealAnEntryTwice() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "one sealer per cluster is PostgreSQL's advisory lock");
        String run = run();
        long before = head();
        int writers = 4;
        int each = 60;
        AuditSealer second = new AuditSealer(auditLog, keys, jdbc, transactionManager, 7, Duration.ZERO, Duration.ofSeconds(5));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService sealers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> sealed = new ArrayList<>();
        try {
            // Two sealers through the cluster lock (this node's scheduled one runs as well), and two that act as if
            // they held it while another node does: the chain head's row lock and the delete count still keep
            // them apart.
            sealed.add(sealers.submit(() -> loop(writing, () -> second.sealBatch().sealed())));
            sealed.add(sealers.submit(() -> loop(writing, () -> sealer.sealBatch().sealed())));
            sealed.add(sealers.submit(() -> loop(writing, () -> withoutClusterLock(second))));
            sealed.add(sealers.submit(() -> loop(writing, () -> withoutClusterLock(sealer))));
            inParallel(writers, w -> {
                for (int i = 0; i < each; i++) {
                    trail.record(entry(run, w, i));
                }
            });
        } finally {
            writing.set(false);
            sealers.shutdown();
        }
        int byTheRacers = 0;
        for (Future<Integer> f : sealed) {
            byTheRacers += f.get();
        }
        assertThat(byTheRacers).as("the racing sealers sealed entries").isPositive();
        auditorSeals();
        assertChainedOnceInOrder(run, writers, each, before);
    }

    @Test
    void aBatchTheDatabaseDropsMidwayLosesNothingAndTheNextRunSealsIt() throws Exception {
        String run = run();
        long before;
        try (ClusterLock held = new ClusterLock()) {
            before = head();
            for (int i = 0; i < 30; i++) {
                trail.record(entry(run, 0, i));
            }
            // After the records are inserted into audit_log, before the pending ones are deleted and the head
            // moves, the connection dies: on PostgreSQL the server ends the sealer's own session.
            AuditLog dying = new AuditLog(jdbc) {
                @Override
                int deletePending(List<Long> ids) {
                    if (TestDatabase.isPostgres()) {
                        jdbc.queryForList("select pg_terminate_backend(pg_backend_pid())");
                    }
                    throw new DataAccessResourceFailureException("the database went away mid-batch");
                }
            };
            AuditSealer outage = new AuditSealer(dying, keys, jdbc, transactionManager, 500, Duration.ZERO,
                    Duration.ofSeconds(1));
            assertThatThrownBy(() -> withoutClusterLock(outage))
                    .isInstanceOfAny(DataAccessException.class, TransactionException.class);

            assertThat(head()).as("the head did not move").isEqualTo(before);
            assertThat(chained(run)).as("nothing of the batch reached the chain").isZero();
            assertThat(pending(run)).as("every entry still pending").isEqualTo(30);

            while (pending(run) > 0) {
                withoutClusterLock(sealer);
            }
        }
        assertChainedOnceInOrder(run, 1, 30, before);
    }

    @Test
    void onlyTheSealerRemovesPendingEntriesAndNobodyEditsThem() {
        String run = run();
        try (ClusterLock held = new ClusterLock()) {
            trail.record(entry(run, 0, 0));
            assertThatThrownBy(() -> jdbc.update("delete from audit_pending where detail like ?", "%" + run + "%"))
                    .isInstanceOf(DataAccessException.class).hasStackTraceContaining("sealer only");
            assertThatThrownBy(() -> jdbc.update("update audit_pending set actor = 'mallory' where detail like ?",
                    "%" + run + "%")).isInstanceOf(DataAccessException.class).hasStackTraceContaining("sealer only");
            assertThat(pending(run)).isOne();
            while (pending(run) > 0) {
                withoutClusterLock(sealer);
            }
        }
        assertThat(chained(run)).isOne();
    }

    @Test
    void aPendingEntryEditedWhileItWaitsIsNotChainedAndStopsTheService() {
        assumeTrue(TestDatabase.isPostgres(), "tampering goes through PostgreSQL's trigger switch");
        String run = run();
        long id;
        try (ClusterLock held = new ClusterLock()) {
            trail.record(entry(run, 0, 0));
            id = jdbc.queryForObject("select id from audit_pending where detail like ?", Long.class, "%" + run + "%");
            tamperPending("update audit_pending set actor = 'mallory' where id = ?", id);
            assertThatThrownBy(() -> withoutClusterLock(sealer)).isInstanceOf(AuditLogDamagedException.class)
                    .hasMessageContaining("pending entry " + id);
            assertThat(chained(run)).isZero();
        }
        try {
            assertThat(sealer.sealPending()).isFalse();
            assertThat(post("/api/v1/screenings", "{}").status()).isEqualTo(503);
        } finally {
            tamperPending("delete from audit_pending where id = ?", id);
        }
        auditorSeals();
        // The scheduled sealer may have read the edited entry just before it was removed; it then reports the damage
        // once more, and clears it at its next run (200 ms). Wait for that, bounded: the point is that it clears.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        while ((status = post("/api/v1/screenings", "{}").status()) == 503 && System.nanoTime() < deadline) {
            sealer.sealPending();
        }
        assertThat(status).isEqualTo(201);
    }

    // --- helpers ---

    /** Seals one batch in a transaction of its own, as a sealer that believes it holds the cluster lock. */
    private int withoutClusterLock(AuditSealer s) {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        return tx.execute(status -> s.sealLocked()).sealed();
    }

    private static int loop(AtomicBoolean writing, Callable<Integer> seal) throws Exception {
        int sealed = 0;
        while (writing.get()) {
            int n = seal.call();
            sealed += n;
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        return sealed;
    }

    interface Writer {
        void write(int writer) throws Exception;
    }

    private static void inParallel(int threads, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int n = w;
                tasks.add(() -> {
                    writer.write(n);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static AuditEntry entry(String run, int writer, int i) {
        return AuditEntry.of("TEST_SEALING", "writer-" + writer).withDetail(Map.of("run", run, "writer", writer, "i", i));
    }

    private static String run() {
        return "seal-" + System.nanoTime();
    }

    private long head() {
        return jdbc.queryForObject("select last_seq from audit_chain_head", Long.class);
    }

    private long chained(String run) {
        return jdbc.queryForObject("select count(*) from audit_log where action = 'TEST_SEALING' and detail like ?",
                Long.class, "%" + run + "%");
    }

    private long pending(String run) {
        return jdbc.queryForObject("select count(*) from audit_pending where detail like ?", Long.class, "%" + run + "%");
    }

    /** Every entry of the run chained exactly once, none pending, each writer's in order, one unbroken line. */
    private void assertChainedOnceInOrder(String run, int writers, int each, long before) throws Exception {
        assertThat(pending(run)).isZero();
        List<Map<String, Object>> rows = jdbc.queryForList("select seq, detail from audit_log where action = 'TEST_SEALING'"
                + " and detail like ? order by seq", "%" + run + "%");
        assertThat(rows).hasSize(writers * each);
        Map<Integer, Integer> next = new HashMap<>();
        for (Map<String, Object> row : rows) {
            assertThat(((Number) row.get("seq")).longValue()).isGreaterThan(before);
            JsonNode detail = JSON.readTree(row.get("detail").toString());
            int w = detail.path("writer").asInt();
            assertThat(detail.path("i").asInt()).as("writer %d's entries in the order written", w)
                    .isEqualTo(next.getOrDefault(w, 0));
            next.put(w, detail.path("i").asInt() + 1);
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_log a join audit_log b on b.seq = a.seq + 1"
                + " where a.seq >= ? and b.prev_digest <> a.digest", Long.class, Math.max(before, 1))).isZero();
        assertThat(jdbc.queryForObject("select count(*) - count(distinct seq) from audit_log", Long.class)).isZero();
        JsonNode report = get("/api/v1/audit/verify?fromSeq=" + Math.max(before, 1), "Authorization",
                TestTokens.bearer("auditor-1", Role.AUDITOR)).json();
        assertThat(report.path("verified").asBoolean()).as(report.toString()).isTrue();
    }

    private void tamperPending(String sql, Object... args) {
        jdbc.execute("alter table audit_pending disable trigger audit_pending_sealer_only");
        try {
            jdbc.update(sql, args);
        } finally {
            jdbc.execute("alter table audit_pending enable trigger audit_pending_sealer_only");
        }
    }

    /** Keeps every sealer through the cluster lock (the scheduled one too) out while a test drives the sealing. */
    private final class ClusterLock implements AutoCloseable {

        private final Connection connection;

        ClusterLock() {
            try {
                if (TestDatabase.isPostgres()) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(false);
                    try (Statement s = connection.createStatement()) {
                        s.executeQuery("select pg_advisory_xact_lock(" + AuditSealer.LOCK_KEY + ")").close();
                    }
                } else {
                    connection = null;
                    AuditSealer.jvmLock().lock();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                if (connection != null) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    connection.close();
                } else {
                    AuditSealer.jvmLock().unlock();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
