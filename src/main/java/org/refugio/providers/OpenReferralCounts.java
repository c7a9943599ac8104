package org.refugio.providers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each provider's count of open referrals, kept on its row (issue 14, item 3) and changed in the transaction that
 * changes a referral's status, as it is written just before that transaction commits.
 *
 * <p>Why at the commit: the row's lock is held from the update to the commit, and a case takes its place early (the
 * routing step), then goes on with the workflow's flush, its tasks and its audit entries. Every case routed to the
 * same provider queued on that row for all of it (BENCHMARKS.md: 12 of 16 case transactions waiting there under
 * load). Now the row is locked only for the commit itself.
 *
 * <p>The last places stay exact. A provider with more than {@code refugio.routing.unlocked-margin} open places (64)
 * gives one without a lock, and the change at the commit is conditional: it never takes the count past the
 * capacity, and if it would (more cases in flight for one provider than the margin), the transaction fails as a
 * conflict (a 503 "busy" to retry) rather than overbook. At or under the margin, the place is read under the row's
 * lock, as before, so two cases never both take the last one.
 */
@Component
class OpenReferralCounts {

    private final ProviderRepository repository;
    private final int unlockedMargin;

    OpenReferralCounts(ProviderRepository repository,
                       @Value("${refugio.routing.unlocked-margin:64}") int unlockedMargin) {
        this.repository = repository;
        this.unlockedMargin = unlockedMargin;
    }

    /** A referral to the provider opened (+1) or closed (-1), in the current transaction. */
    void changed(UUID providerId, int delta) {
        if (delta == 0) {
            return;
        }
        Pending pending = pending();
        if (pending == null || pending.written) {
            repository.adjustOpenReferrals(providerId, delta);
        } else {
            pending.deltas.merge(providerId, delta, Integer::sum);
        }
    }

    /** This transaction's changes not yet written, added to counts read from the rows. */
    Map<UUID, Integer> withPending(Map<UUID, Integer> open) {
        Pending pending = pending();
        if (pending == null || pending.deltas.isEmpty()) {
            return open;
        }
        Map<UUID, Integer> counted = new java.util.HashMap<>(open);
        pending.deltas.forEach((id, delta) -> counted.merge(id, delta, Integer::sum));
        return counted;
    }

    /**
     * Open places of a provider for a referral this transaction is about to propose; empty for an unknown or
     * inactive provider.
     */
    Optional<Integer> placesToTake(UUID providerId) {
        Pending pending = pending();
        int own = pending == null ? 0 : pending.deltas.getOrDefault(providerId, 0);
        if (pending != null) {
            Optional<Integer> unlocked = repository.openSlots(providerId);
            if (unlocked.isEmpty() || unlocked.get() - own > unlockedMargin) {
                unlocked.ifPresent(places -> pending.capped.add(providerId));
                return unlocked.map(places -> places - own);
            }
        }
        return repository.lockOpenSlots(providerId).map(places -> places - own);
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** The changes of one transaction, written in provider order (two transactions lock rows in the same order). */
    private final class Pending implements TransactionSynchronization {

        final Map<UUID, Integer> deltas = new TreeMap<>();
        /** Providers a place was taken from without a lock: their change may not pass the capacity. */
        final Set<UUID> capped = new TreeSet<>();
        /** Written: a change made later in the commit (another synchronization's) is written at once. */
        boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            for (Map.Entry<UUID, Integer> change : deltas.entrySet()) {
                UUID id = change.getKey();
                int delta = change.getValue();
                if (delta > 0 && capped.contains(id)) {
                    if (!repository.takePlaces(id, delta)) {
                        throw new ConcurrencyFailureException("provider " + id + " filled up while this case was"
                                + " routed to it; retry, and the case is routed again");
                    }
                } else if (delta != 0) {
                    repository.adjustOpenReferrals(id, delta);
                }
            }
            deltas.clear();
            written = true;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OpenReferralCounts.this);
        }
    }
}
