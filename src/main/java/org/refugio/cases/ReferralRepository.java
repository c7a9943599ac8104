package org.refugio.cases;

import static org.refugio.cases.CaseRepository.instant;
import static org.refugio.cases.CaseRepository.list;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.refugio.eligibility.ReferralTarget;
import org.refugio.providers.ProviderDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The referral and referral_delivery tables. Every status change names the status it expects, so a step that runs
 * twice, or after the case moved on, changes nothing.
 */
@Repository
class ReferralRepository {

    private final JdbcTemplate jdbc;
    private final ProviderDirectory providers;

    ReferralRepository(JdbcTemplate jdbc, ProviderDirectory providers) {
        this.jdbc = jdbc;
        this.providers = providers;
    }

    /** Erases the free-text reasons of a purged case's referrals; their codes, providers, targets and dates stay. */
    int eraseFreeText(UUID caseId) {
        return jdbc.update("update referral set choice_reason = null, response_reason = null where case_id = ?",
                caseId);
    }

    /** +1 when a referral enters an open status, -1 when it leaves one, 0 otherwise. */
    private static int openDelta(ReferralStatus from, ReferralStatus to) {
        return (ReferralStatus.OPEN.contains(to) ? 1 : 0) - (from != null && ReferralStatus.OPEN.contains(from) ? 1 : 0);
    }

    private UUID providerOf(UUID referralId) {
        return jdbc.queryForObject("select provider_id from referral where id = ?", UUID.class, referralId);
    }

    void insert(ReferralRecord r) {
        jdbc.update("insert into referral (id, case_id, attempt, provider_id, target, status, chosen_by, chosen_by_user,"
                        + " choice_reason_code, choice_reason, rule_ids, routing_reasons, proposed_at, reviewed_at,"
                        + " reviewed_by, review_outcome) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.caseId(), r.attempt(), r.providerId(), r.target().name(), r.status().name(),
                r.chosenBy().name(), r.chosenByUser(), r.choiceReasonCode(), r.choiceReason(),
                String.join(",", r.ruleIds()), r.routingReasons(), Timestamp.from(r.proposedAt()),
                r.reviewedAt() == null ? null : Timestamp.from(r.reviewedAt()), r.reviewedBy(), r.reviewOutcome());
        providers.openReferralsChanged(r.providerId(), openDelta(null, r.status()));
    }

    int nextAttempt(UUID caseId) {
        Integer max = jdbc.queryForObject("select max(attempt) from referral where case_id = ?", Integer.class, caseId);
        return max == null ? 1 : max + 1;
    }

    Optional<ReferralRecord> find(UUID id) {
        return jdbc.query("select * from referral where id = ?", (rs, n) -> row(rs), id).stream().findFirst();
    }

    List<ReferralRecord> ofCase(UUID caseId) {
        return jdbc.query("select * from referral where case_id = ? order by attempt", (rs, n) -> row(rs), caseId);
    }

    /** Providers that declined the case or let it pass unanswered. */
    Set<UUID> alreadyAsked(UUID caseId) {
        return Set.copyOf(jdbc.queryForList("select distinct provider_id from referral where case_id = ?"
                + " and status in ('DECLINED', 'NO_RESPONSE')", UUID.class, caseId));
    }

    boolean reviewed(UUID id, String outcome, String by, Instant at) {
        return jdbc.update("update referral set reviewed_at = ?, reviewed_by = ?, review_outcome = ? where id = ?"
                + " and status = 'PROPOSED'", Timestamp.from(at), by, outcome, id) == 1;
    }

    boolean transition(UUID id, ReferralStatus from, ReferralStatus to) {
        boolean changed = jdbc.update("update referral set status = ? where id = ? and status = ?", to.name(), id,
                from.name()) == 1;
        if (changed) {
            providers.openReferralsChanged(providerOf(id), openDelta(from, to));
        }
        return changed;
    }

    boolean sent(UUID id, Instant at, Instant responseDueAt) {
        return jdbc.update("update referral set status = 'SENT', sent_at = ?, response_due_at = ? where id = ?"
                + " and status = 'PROPOSED'", Timestamp.from(at), Timestamp.from(responseDueAt), id) == 1;
    }

    boolean answered(UUID id, ReferralStatus answer, Instant at, String by, String reasonCode, String reason) {
        boolean changed = jdbc.update("update referral set status = ?, responded_at = ?, responded_by = ?,"
                        + " response_reason_code = ?, response_reason = ? where id = ? and status = 'SENT'",
                answer.name(), Timestamp.from(at), by, reasonCode, reason, id) == 1;
        if (changed) {
            providers.openReferralsChanged(providerOf(id), openDelta(ReferralStatus.SENT, answer));
        }
        return changed;
    }

    /** Withdraws the case's open referrals one by one, each from the status it had, so each provider's count follows. */
    int withdrawOpen(UUID caseId) {
        int withdrawn = 0;
        for (ReferralRecord r : ofCase(caseId)) {
            if (ReferralStatus.OPEN.contains(r.status()) && transition(r.id(), r.status(), ReferralStatus.WITHDRAWN)) {
                withdrawn++;
            }
        }
        return withdrawn;
    }

    boolean delivered(UUID referralId) {
        Integer n = jdbc.queryForObject("select count(*) from referral_delivery where referral_id = ?", Integer.class,
                referralId);
        return n != null && n > 0;
    }

    void recordDelivery(UUID referralId, Instant at, String channel, boolean sharedIdentity, UUID consentId) {
        jdbc.update("insert into referral_delivery (referral_id, delivered_at, channel, shared_identity, consent_id)"
                + " values (?, ?, ?, ?, ?)", referralId, Timestamp.from(at), channel, sharedIdentity, consentId);
    }

    private static ReferralRecord row(ResultSet rs) throws SQLException {
        return new ReferralRecord(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getInt("attempt"), rs.getObject("provider_id", UUID.class),
                ReferralTarget.valueOf(rs.getString("target")), ReferralStatus.valueOf(rs.getString("status")),
                ChosenBy.valueOf(rs.getString("chosen_by")), rs.getString("chosen_by_user"),
                rs.getString("choice_reason_code"), rs.getString("choice_reason"), list(rs.getString("rule_ids")),
                rs.getString("routing_reasons"), rs.getTimestamp("proposed_at").toInstant(),
                instant(rs.getTimestamp("reviewed_at")), rs.getString("reviewed_by"), rs.getString("review_outcome"),
                instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("response_due_at")),
                instant(rs.getTimestamp("responded_at")), rs.getString("responded_by"),
                rs.getString("response_reason_code"), rs.getString("response_reason"));
    }
}
