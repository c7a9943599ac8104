package org.refugio.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.refugio.routing.FundingType;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A provider's open referrals are written at the commit (issue 14), and its places are taken without a lock while
 * it has many: however many cases take its places at once, it is never booked past its capacity. Here every place
 * is taken without a lock (a margin of 0), and three transactions that each saw two free places commit together.
 */
class OpenReferralCountsTest extends ApiTest {

    @Autowired
    ProviderRepository repository;
    @Autowired
    ProviderDirectory directory;
    @Autowired
    PlatformTransactionManager transactions;

    private final List<UUID> made = new ArrayList<>();

    /** These counts stand for no referral: put them back, so the database's counts stay true for other tests. */
    @AfterEach
    void forgetTheCountsOfNoReferral() {
        made.forEach(id -> jdbc.update("update legal_aid_provider set open_referrals = 0, active = false where id = ?", id));
    }

    private UUID provider(String name, int capacity) {
        UUID id = directory.create(new ProviderDirectory.ProviderDetails(name + " " + UUID.randomUUID(),
                FundingType.NON_LSC, false, Set.of("es"), Set.of("US"), true, false, capacity, "intake@example.org",
                true)).id();
        made.add(id);
        return id;
    }

    @Test
    void placesTakenAtOnceWithoutALockNeverBookAProviderPastItsCapacity() throws Exception {
        UUID provider = provider("Capacity Two Legal Aid", 2);
        OpenReferralCounts withoutLocks = new OpenReferralCounts(repository, 0);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        int cases = 3;
        CyclicBarrier allHaveLooked = new CyclicBarrier(cases);
        ExecutorService threads = Executors.newFixedThreadPool(cases);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < cases; i++) {
                outcomes.add(threads.submit(() -> {
                    try {
                        return tx.execute(status -> {
                            Optional<Integer> places = withoutLocks.placesToTake(provider);
                            assertThat(places).contains(2);
                            withoutLocks.changed(provider, 1);
                            await(allHaveLooked);
                            return "taken";
                        });
                    } catch (ConcurrencyFailureException full) {
                        return "refused";
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder("taken", "taken", "refused");
            assertThat(jdbc.queryForObject("select open_referrals from legal_aid_provider where id = ?", Integer.class,
                    provider)).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aChangeIsWrittenOnlyWhenItsTransactionCommits() {
        UUID provider = provider("Deferred Count Legal Aid", 5);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            directory.openReferralsChanged(provider, 1);
            assertThat(directory.openReferrals()).as("this transaction sees its own change").containsEntry(provider, 1);
            assertThat(directory.placesToTake(provider)).contains(4);
            status.setRollbackOnly();
        });
        assertThat(open(provider)).as("rolled back: nothing written").isZero();
        tx.executeWithoutResult(status -> directory.openReferralsChanged(provider, 1));
        assertThat(open(provider)).as("committed").isOne();
    }

    private int open(UUID provider) {
        return jdbc.queryForObject("select open_referrals from legal_aid_provider where id = ?", Integer.class, provider);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
