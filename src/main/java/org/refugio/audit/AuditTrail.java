package org.refugio.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.refugio.ruleset.Rulesets;
import org.refugio.security.CurrentActor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The public facade of the audit trail: the one way anything gets into the decision log.
 *
 * <p>Call {@link #record(AuditEntry)} inside the transaction that makes the change, or publish an event that
 * implements {@link Auditable}; either way the record is written in the caller's transaction, so a failed audit
 * write rolls the change back and a rolled-back change leaves no record. Without a transaction, the record gets
 * one of its own.
 *
 * <p>An entry is checked when it is recorded and appended to the chain just before its transaction commits. The
 * chain's head is the one point where every writer queues (each record signs its predecessor's digest), and it
 * stays locked until the commit; taking it last keeps it locked for the append and the commit only, not for the
 * rest of a transaction that records early (a case's workflow step works for milliseconds after its first record).
 */
@Service
public class AuditTrail {

    private final AuditLog log;
    private final AuditKeys keys;
    private final CurrentActor actors;
    private final Rulesets rulesets;
    private final Clock clock;

    AuditTrail(AuditLog log, AuditKeys keys, CurrentActor actors, Rulesets rulesets, Clock clock) {
        this.log = log;
        this.keys = keys;
        this.actors = actors;
        this.rulesets = rulesets;
        this.clock = clock;
    }

    /**
     * Records one entry in the current transaction; it is on the chain once the transaction commits.
     *
     * @throws IllegalArgumentException when the entry holds what the log must not (long text, odd keys, an
     *                                  unknown ruleset)
     */
    @Transactional
    public void record(AuditEntry entry) {
        String detail = CanonicalJson.write(entry.detail());
        String actor = entry.actor() != null ? entry.actor() : actors.get().id();
        if (entry.rulesetSha256() != null) {
            rulesets.keep(entry.rulesetSha256());
        }
        appendsAtCommit().add(new Checked(entry, actor, detail));
    }

    /** Records any published {@link Auditable} event, in the publisher's transaction (or a new one). */
    @EventListener
    @Transactional
    public void on(Auditable event) {
        record(event.auditEntry());
    }

    /** Keyed digest of facts (or any stored text) for {@link AuditEntry#factsDigest()}. */
    public String digest(String storedText) {
        return keys.contentDigest(storedText);
    }

    private AppendsAtCommit appendsAtCommit() {
        AppendsAtCommit appends = (AppendsAtCommit) TransactionSynchronizationManager.getResource(this);
        if (appends == null) {
            appends = new AppendsAtCommit();
            TransactionSynchronizationManager.bindResource(this, appends);
            TransactionSynchronizationManager.registerSynchronization(appends);
        }
        return appends;
    }

    private record Checked(AuditEntry entry, String actor, String detail) { }

    /** The entries of one transaction, appended in the order they were recorded. */
    private final class AppendsAtCommit implements TransactionSynchronization {

        private final List<Checked> waiting = new ArrayList<>();
        private boolean committing;

        void add(Checked checked) {
            waiting.add(checked);
            if (committing) {
                // Recorded by another synchronization's beforeCommit, after this one ran: append it now.
                appendWaiting();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            appendWaiting();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
        }

        private void appendWaiting() {
            if (waiting.isEmpty()) {
                return;
            }
            AuditLog.Head head = log.lockHead();
            for (Checked c : waiting) {
                // Taken under the lock, so recorded times never go backwards along the chain.
                Instant now = AuditRecord.storable(clock.instant());
                AuditEntry e = c.entry();
                AuditRecord unsigned = new AuditRecord(head.lastSeq() + 1, now, c.actor(), e.action(), e.subjectId(),
                        e.decisionId(), e.rulesetVersion(), e.rulesetSha256(), e.factsDigest(), c.detail(),
                        keys.keyId(), head.lastDigest(), null);
                AuditRecord signed = unsigned.withDigest(keys.chainDigest(head.lastDigest(), unsigned.canonical()));
                log.append(signed);
                head = new AuditLog.Head(signed.seq(), signed.digest());
            }
            waiting.clear();
        }
    }
}
