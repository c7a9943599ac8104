package org.refugio.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * The rhythm the audit sealer and the report folder share, without a database: batches scripted one by one, and
 * what the runs log.
 */
class ClusterBatchesTest {

    record Done(boolean lockTaken, int count) implements ClusterBatches.Batch { }

    /** Answers the scripted batches in order; "pending" is whatever the test says it is. */
    static final class Scripted extends ClusterBatches {

        final Deque<Object> script = new ArrayDeque<>();
        final List<String> logged = new ArrayList<>();
        boolean pending = true;
        boolean nothingAtAll;
        int batches;
        int leftToAnother;

        Scripted(Duration drainWait) {
            super("test batches", 3, Duration.ZERO, drainWait, Duration.ofMillis(1));
        }

        Scripted then(Object batchOrFailure) {
            script.add(batchOrFailure);
            return this;
        }

        @Override
        protected Batch batch() {
            batches++;
            Object next = script.isEmpty() ? new Done(true, 0) : script.poll();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            if (next instanceof Runnable sideEffect) {
                sideEffect.run();
                return new Done(false, 0);
            }
            return (Batch) next;
        }

        @Override
        protected BooleanSupplier pendingNow() {
            return nothingAtAll ? null : () -> pending;
        }

        @Override
        protected String problem(RuntimeException failure) {
            return "problem: " + failure.getMessage();
        }

        @Override
        protected void logProblem(String problem) {
            logged.add(problem);
        }

        @Override
        protected void logRecovered() {
            logged.add("recovered");
        }

        @Override
        protected void logLeftAtStop(RuntimeException failure) {
            logged.add("left at stop");
        }

        @Override
        protected void leftToAnotherNode() {
            leftToAnother++;
        }
    }

    @Test
    void aDrainWithNothingPendingRunsNoBatch() {
        Scripted work = new Scripted(Duration.ofSeconds(5));
        work.nothingAtAll = true;
        assertThat(work.drain()).isTrue();
        assertThat(work.batches).isZero();
    }

    @Test
    void aDrainRunsBatchesUntilOneUnderTheLockFindsNothing() {
        Scripted work = new Scripted(Duration.ofSeconds(5)).then(new Done(true, 3)).then(new Done(true, 1))
                .then(new Done(true, 0)).then(new Done(true, 3));
        assertThat(work.drain()).isTrue();
        assertThat(work.batches).isEqualTo(3);
    }

    @Test
    void aDrainWaitsForAnotherNodeUntilWhatWasPendingIsDone() {
        Scripted work = new Scripted(Duration.ofMinutes(5));
        work.then(new Done(false, 0)).then(new Done(false, 0)).then((Runnable) () -> work.pending = false)
                .then(new Done(false, 0));
        assertThat(work.drain()).isTrue();
        assertThat(work.batches).isEqualTo(3);
    }

    @Test
    void aDrainGivesUpAfterItsWaitWhileAnotherNodeKeepsTheLock() {
        Scripted work = new Scripted(Duration.ZERO);
        for (int i = 0; i < 1000; i++) {
            work.then(new Done(false, 0));
        }
        assertThat(work.drain()).isFalse();
        assertThat(work.pending).isTrue();
    }

    @Test
    void aScheduledRunGoesOnWhileBatchesComeBackFullAndNoticesAnotherNode() {
        Scripted work = new Scripted(Duration.ZERO);
        work.start();
        work.then(new Done(true, 3)).then(new Done(true, 3)).then(new Done(true, 2)).then(new Done(true, 3));
        work.run();
        assertThat(work.batches).isEqualTo(3);
        assertThat(work.leftToAnother).isZero();

        work.script.clear();
        work.then(new Done(true, 3)).then(new Done(false, 0));
        work.run();
        assertThat(work.leftToAnother).isOne();
    }

    @Test
    void aProblemIsLoggedOnceWhileItLastsAndItsEndOnce() {
        Scripted work = new Scripted(Duration.ZERO);
        work.then(new IllegalStateException("down")).then(new IllegalStateException("down"))
                .then(new IllegalStateException("still down")).then(new Done(true, 0)).then(new Done(true, 0));
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        assertThat(work.logged).containsExactly("problem: down", "problem: still down", "recovered");
    }
}
