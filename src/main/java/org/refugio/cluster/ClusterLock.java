package org.refugio.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One holder at a time in the cluster for the work of one key. On PostgreSQL the lock is
 * {@code pg_try_advisory_xact_lock(key)}, taken as the first statement of a new transaction and released at its
 * commit or rollback; a node that does not get it leaves the work to the node that did. H2 runs embedded on one
 * node, where a JVM lock per key does the same.
 */
public final class ClusterLock {

    /** Static: every instance for a key (a test's second sealer too) shares the one lock of that key. */
    private static final ConcurrentMap<Long, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final long key;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final TransactionTemplate newTransaction;
    private final boolean postgres;

    public ClusterLock(long key, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.key = key;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.newTransaction = transaction(TransactionDefinition.ISOLATION_DEFAULT);
        this.postgres = "PostgreSQL".equalsIgnoreCase(jdbc.execute(
                (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    /** True next to PostgreSQL (the advisory lock); false on the embedded H2 (the JVM lock). */
    public boolean onPostgres() {
        return postgres;
    }

    /** The lock of a key on an embedded H2 (tests hold it to keep the scheduled work out). */
    public static ReentrantLock jvmLock(long key) {
        return JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /** A new transaction of the given isolation, for {@link #tryUnder(TransactionTemplate, Supplier)}. */
    public TransactionTemplate transaction(int isolation) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        template.setIsolationLevel(isolation);
        return template;
    }

    /** Runs work in a new transaction under the lock; null when another holds it (work must not answer null). */
    public <T> T tryUnder(Supplier<T> work) {
        return tryUnder(newTransaction, work);
    }

    /**
     * Runs work in a new transaction of the given template ({@link #transaction}: the advisory lock must be the
     * transaction's first statement) under the lock; null when another holds it (work must not answer null).
     */
    public <T> T tryUnder(TransactionTemplate template, Supplier<T> work) {
        ReentrantLock jvmLock = postgres ? null : jvmLock(key);
        if (jvmLock != null && !jvmLock.tryLock()) {
            return null;
        }
        try {
            return template.execute(status -> {
                if (postgres && !Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)",
                        Boolean.class, key))) {
                    return null;
                }
                return work.get();
            });
        } finally {
            if (jvmLock != null) {
                jvmLock.unlock();
            }
        }
    }
}
