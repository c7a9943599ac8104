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
 * implements {@link Auditable}; either way the entry is written in the caller's transaction, so a failed audit
 * write rolls the change back and a rolled-back change leaves no entry. Without a transaction, the entry gets
 * one of its own.
 *
 * <p>An entry is checked and written complete (time, actor, content, and a keyed digest that shows any later
 * edit) to the pending entries; the {@link AuditSealer} chains it shortly after the commit (issue 14: the chain
 * head is no longer a lock every request queues on). A request never waits for the chain; an auditor's read
 * seals what is pending first. While the log is damaged (a record written behind the service's back) no entry
 * is taken, so nothing is stored that could not be recorded.
 */
@Service
public class AuditTrail {

    /** The action of every auditor read: who read which decision, list, range of the log or analysis. */
    public static final String READ = "AUDIT_READ";
    /**
     * The action of a screening decision purged under the retention policy (its decisionId names it): the record
     * that lets {@link ChainVerifier} accept the decision without its facts.
     */
    public static final String SCREENING_PURGED = "SCREENING_PURGED";
    /** The action of a closed case purged under the retention policy (its subjectId names it). */
    public static final String CASE_PURGED = "CASE_PURGED";

    private final AuditLog log;
    private final AuditKeys keys;
    private final AuditSealer sealer;
    private final CurrentActor actors;
    private final Rulesets rulesets;
    private final Clock clock;

    AuditTrail(AuditLog log, AuditKeys keys, AuditSealer sealer, CurrentActor actors, Rulesets rulesets, Clock clock) {
        this.log = log;
        this.keys = keys;
        this.sealer = sealer;
        this.actors = actors;
        this.rulesets = rulesets;
        this.clock = clock;
    }

    /**
     * Records one entry in the current transaction; it is on the chain shortly after the transaction commits.
     *
     * @throws IllegalArgumentException  when the entry holds what the log must not (long text, odd keys, an
     *                                   unknown ruleset)
     * @throws AuditLogDamagedException when the log cannot be appended to until someone investigates
     */
    @Transactional
    public void record(AuditEntry entry) {
        String damaged = sealer.damaged();
        if (damaged != null) {
            throw new AuditLogDamagedException(damaged);
        }
        String detail = CanonicalJson.write(entry.detail());
        String actor = entry.actor() != null ? entry.actor() : actors.get().id();
        if (entry.rulesetSha256() != null) {
            rulesets.keep(entry.rulesetSha256());
        }
        Instant now = AuditRecord.storable(clock.instant());
        AuditRecord unsigned = new AuditRecord(0, now, actor, entry.action(), entry.subjectId(), entry.decisionId(),
                entry.rulesetVersion(), entry.rulesetSha256(), entry.factsDigest(), detail, keys.keyId(), null, null);
        log.appendPending(unsigned.withDigest(sealer.pendingDigest(unsigned)));
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
