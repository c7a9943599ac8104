package org.refugio.audit;

import java.time.Clock;
import java.time.Instant;

import org.refugio.ruleset.Rulesets;
import org.refugio.security.CurrentActor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public facade of the audit trail: the one way anything gets into the decision log.
 *
 * <p>Call {@link #record(AuditEntry)} inside the transaction that makes the change, or publish an event that
 * implements {@link Auditable}; either way the record is written in the caller's transaction, so a failed audit
 * write rolls the change back and a rolled-back change leaves no record. Without a transaction, the record gets
 * one of its own.
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
     * Appends one record to the chain and returns it as stored.
     *
     * @throws IllegalArgumentException when the entry holds what the log must not (long text, odd keys, an
     *                                  unknown ruleset)
     */
    @Transactional
    public AuditRecord record(AuditEntry entry) {
        String detail = CanonicalJson.write(entry.detail());
        String actor = entry.actor() != null ? entry.actor() : actors.get().id();
        if (entry.rulesetSha256() != null) {
            rulesets.keep(entry.rulesetSha256());
        }
        AuditLog.Head head = log.lockHead();
        // Taken under the lock, so recorded times never go backwards along the chain.
        Instant now = AuditRecord.storable(clock.instant());
        AuditRecord unsigned = new AuditRecord(head.lastSeq() + 1, now, actor, entry.action(), entry.subjectId(),
                entry.decisionId(), entry.rulesetVersion(), entry.rulesetSha256(), entry.factsDigest(), detail,
                keys.keyId(), head.lastDigest(), null);
        AuditRecord signed = unsigned.withDigest(keys.chainDigest(head.lastDigest(), unsigned.canonical()));
        log.append(signed);
        return signed;
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
}
