package org.refugio.cases;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;
import org.refugio.problem.ForbiddenException;
import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.security.CurrentActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals as the provider organisation they were sent to sees them (issue 12): its inbox and its answer. The
 * caller's organisation comes from its token (or the demo user's setting); a referral of another provider, or one
 * not sent yet, does not exist for the caller. An answer goes through {@link CaseService} exactly as a
 * caseworker's recording of it does, with the provider user as actor.
 */
@Service
class ProviderReferrals {

    /** What a provider sees of one referral; identityJson only under a consent valid today for this provider. */
    record View(ReferralRecord referral, CaseRecord legalAidCase, String organizationContact,
                       String identityJson, UUID consentId) { }

    record Page(List<View> items, String nextCursor) { }

    private static final Instant NO_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final ReferralRepository referrals;
    private final CaseRepository cases;
    private final CaseService caseService;
    private final CaseIdentity identity;
    private final AuditTrail audit;
    private final CurrentActor actors;
    private final String organizationContact;

    ProviderReferrals(JdbcTemplate jdbc, ReferralRepository referrals, CaseRepository cases, CaseService caseService,
                      CaseIdentity identity, AuditTrail audit, CurrentActor actors,
                      @Value("${refugio.organization.contact:}") String organizationContact) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.cases = cases;
        this.caseService = caseService;
        this.identity = identity;
        this.audit = audit;
        this.actors = actors;
        this.organizationContact = organizationContact;
    }

    /** Awaiting an answer first (earliest deadline first), then the rest in the order they were sent. */
    @Transactional(readOnly = true)
    Page inbox(ReferralStatus status, String cursor, int size) {
        UUID provider = organisation();
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from (select r.id, case when r.status = 'SENT' then 0 else 1"
                + " end as rank_key, coalesce(case when r.status = 'SENT' then r.response_due_at else r.sent_at end, ?)"
                + " as due_key, r.status from referral r where r.provider_id = ? and r.sent_at is not null) x"
                + " where 1 = 1");
        args.add(Timestamp.from(NO_DUE));
        args.add(provider);
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.name());
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.parse(cursor);
            Timestamp due = Timestamp.from(after.due());
            sql.append(" and (rank_key > ? or (rank_key = ? and (due_key > ? or (due_key = ? and id > ?))))");
            args.addAll(List.of(after.rank(), after.rank(), due, due, after.id()));
        }
        sql.append(" order by rank_key, due_key, id limit ?");
        args.add(size + 1);
        List<Cursor> keys = jdbc.query(sql.toString(), (rs, n) -> key(rs), args.toArray());
        String next = null;
        if (keys.size() > size) {
            keys = keys.subList(0, size);
            next = keys.get(size - 1).encode();
        }
        List<View> items = new ArrayList<>();
        for (Cursor k : keys) {
            ReferralRecord r = referrals.find(k.id()).orElseThrow();
            items.add(new View(r, cases.find(r.caseId()).orElseThrow(), organizationContact, null, null));
        }
        return new Page(List.copyOf(items), next);
    }

    /** One referral, with the person's identity only under a valid consent for this provider (audited). */
    @Transactional
    View read(UUID referralId) {
        ReferralRecord referral = own(referralId);
        CaseRecord legalAidCase = cases.find(referral.caseId()).orElseThrow();
        CaseIdentity.Sharing sharing = identity.forReferral(referral.caseId(), referral.providerId());
        if (sharing.sharesIdentity()) {
            audit.record(AuditEntry.of("IDENTITY_READ", referral.caseId().toString()).withDetail(java.util.Map.of(
                    "providerId", referral.providerId().toString(), "consentId", sharing.consentId().toString())));
        }
        return new View(referral, legalAidCase, organizationContact, sharing.identityJson(), sharing.consentId());
    }

    /** The provider's answer, recorded with the calling provider user as the one who responded. */
    @Transactional
    View answer(UUID referralId, boolean accepted, String reasonCode, String reason) {
        ReferralRecord referral = own(referralId);
        caseService.recordProviderResponse(referral.caseId(), referralId, accepted, actors.get().id(), reasonCode,
                reason);
        ReferralRecord answered = referrals.find(referralId).orElseThrow();
        return new View(answered, cases.find(answered.caseId()).orElseThrow(), organizationContact, null, null);
    }

    private ReferralRecord own(UUID referralId) {
        UUID provider = organisation();
        return referrals.find(referralId)
                .filter(r -> r.providerId().equals(provider) && r.sentAt() != null)
                .orElseThrow(() -> new NotFoundException("No referral sent to your organisation has id " + referralId
                        + "."));
    }

    private UUID organisation() {
        return actors.providerOrganisation().orElseThrow(() -> new ForbiddenException(
                "Your sign-in names no provider organisation; ask your administrator to bind it to one."));
    }

    private static Cursor key(ResultSet rs) throws SQLException {
        return new Cursor(rs.getInt("rank_key"), rs.getTimestamp("due_key").toInstant(), rs.getObject("id", UUID.class));
    }

    /** Where a page ended, opaque to clients (base64url). */
    record Cursor(int rank, Instant due, UUID id) {

        String encode() {
            String raw = rank + "|" + due + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Integer.parseInt(parts[0]), Instant.parse(parts[1]), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new UnprocessableException("/cursor", "not a cursor this service gave",
                        "The cursor is not one this service gave; start again without it.");
            }
        }
    }
}
