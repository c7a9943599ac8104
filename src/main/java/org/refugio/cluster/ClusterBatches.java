package org.refugio.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.springframework.context.SmartLifecycle;

/**
 * Work done in batches by one node of the cluster at a time: the audit sealer, the report folder. A subclass says
 * what one batch is (taken under its {@link ClusterLock}, so a node that does not get the lock leaves the batch to
 * the node that did), what is pending, and how its problems read; this class runs the batches
 * <ul>
 * <li>every {@code interval} (zero or negative: never) on a daemon thread of its own, one batch after another
 *     while they come back full, logging a problem of these runs once (not once per run) and, once, that the runs
 *     work again;</li>
 * <li>on demand ({@link #drain()}), until nothing pending at the call is left, waiting at most {@code drainWait}
 *     and pausing briefly while another node holds the lock;</li>
 * <li>and drains once more when stopped, so what was written before a shutdown is not left waiting.</li>
 * </ul>
 */
public abstract class ClusterBatches implements SmartLifecycle {

    /** What one batch did. */
    public interface Batch {

        /** False when another node (or thread) held the lock and this one left the batch to it. */
        boolean lockTaken();

        /** How many items the batch took; a full batch means more may be waiting. */
        int count();
    }

    private final String name;
    private final int batchSize;
    private final Duration interval;
    private final Duration drainWait;
    private final Duration pause;

    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private String lastProblem;

    /**
     * @param name what the work is called ("audit sealer"): the thread's name, with dashes, and in errors
     * @param pause how long {@link #drain()} waits between tries while another node holds the lock
     */
    protected ClusterBatches(String name, int batchSize, Duration interval, Duration drainWait, Duration pause) {
        this.name = name;
        this.batchSize = batchSize;
        this.interval = interval;
        this.drainWait = drainWait;
        this.pause = pause;
    }

    /** One batch, under the cluster's lock. */
    protected abstract Batch batch();

    /**
     * What is pending now, as the question whether any of it is still left; null when nothing is pending (then
     * {@link #drain()} has nothing to wait for).
     */
    protected abstract BooleanSupplier pendingNow();

    /** The line that names the failure of a scheduled run, logged by {@link #logProblem} when it changes. */
    protected abstract String problem(RuntimeException failure);

    /** Logs a problem of the scheduled runs (once while it stays the same), at the level the work deserves. */
    protected abstract void logProblem(String problem);

    /** Logs that the scheduled runs work again after a problem. */
    protected abstract void logRecovered();

    /** Logs that the drain at stop failed: what is pending waits for the next start. */
    protected abstract void logLeftAtStop(RuntimeException failure);

    /** After a scheduled run that found another node holding the lock. */
    protected void leftToAnotherNode() {
    }

    /**
     * Runs batches until nothing pending at the call is left, waiting for another node that holds the lock at
     * most {@code drainWait}.
     *
     * @return true when nothing pending at the call is left
     */
    protected boolean drain() {
        BooleanSupplier stillPending = pendingNow();
        if (stillPending == null) {
            return true;
        }
        long deadline = System.nanoTime() + drainWait.toNanos();
        while (true) {
            Batch batch = batch();
            if (batch.lockTaken() && batch.count() == 0) {
                return true;
            }
            if (!stillPending.getAsBoolean()) {
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

    /** One scheduled run: batches until one is not full or another node holds the lock. */
    void run() {
        try {
            Batch batch;
            do {
                batch = batch();
            } while (running && batch.lockTaken() && batch.count() == batchSize);
            if (!batch.lockTaken()) {
                leftToAnotherNode();
            }
            report(null);
        } catch (RuntimeException e) {
            report(problem(e));
        }
    }

    private void report(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            logProblem(problem);
        } else if (problem == null && lastProblem != null) {
            logRecovered();
        }
        lastProblem = problem;
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + name, e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name.replace(' ', '-'));
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
                drain();
            } catch (RuntimeException e) {
                logLeftAtStop(e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
