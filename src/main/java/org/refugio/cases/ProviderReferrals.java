package org.refugio.cases;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.PersonIdentity;
import org.refugio.api.model.ProviderAnswer;
import org.refugio.api.model.ProviderReferral;
import org.refugio.api.model.ProviderReferralPage;
import org.refugio.api.model.ProviderReferralProgram;
import org.refugio.api.model.ReferralTarget;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;
import org.refugio.problem.ForbiddenException;
import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.screening.ScreeningService;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals as the provider organisation they were sent to sees them (issue 12): its inbox and its answer. The
 * caller's organisation comes from its token (or the demo user's setting); a referral of another provider, or one
 * not sent yet, does not exist for the caller. An answer goes through {@link CaseService} exactly as a
 * caseworker's recording of it does, with the provider user as actor. The one facade of the provider contract
 * (REST) and of the provider portal's pages: both call it and show what it answers.
 */
@Service
public class ProviderReferrals {

    /** The reason codes a provider may give for declining (ProviderAnswer.reasonCode of the contract). */
    public static final List<String> DECLINE_REASONS = Arrays.stream(ProviderAnswer.ReasonCodeEnum.values())
            .map(ProviderAnswer.ReasonCodeEnum::getValue).toList();

    private static final Instant NO_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final ReferralRepository referrals;
    private final CaseRepository cases;
    private final CaseService caseService;
    private final CaseIdentity identity;
    private final AuditTrail audit;
    private final CurrentActor actors;
    private final String organizationContact;
    private final ScreeningService screenings;
    private final ObjectMapper json;
    private final Clock clock;

    ProviderReferrals(JdbcTemplate jdbc, ReferralRepository referrals, CaseRepository cases, CaseService caseService,
                      CaseIdentity identity, AuditTrail audit, CurrentActor actors,
                      @Value("${refugio.organization.contact:}") String organizationContact,
                      ScreeningService screenings, ObjectMapper json, Clock clock) {
        this.screenings = screenings;
        this.json = json;
        this.clock = clock;
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.cases = cases;
        this.caseService = caseService;
        this.identity = identity;
        this.audit = audit;
        this.actors = actors;
        this.organizationContact = organizationContact;
    }

    /**
     * Awaiting an answer first (earliest deadline first), then the rest in the order they were sent.
     *
     * @param statuses only these (null or empty: any)
     * @param opened   only those a user of the organisation has opened (true), or not yet (false); null: both
     */
    @Transactional(readOnly = true)
    public ProviderReferralPage inbox(Collection<ReferralStatus> statuses, Boolean opened, String cursor, int size) {
        UUID provider = organisation();
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from (select r.id, case when r.status = 'SENT' then 0 else 1"
                + " end as rank_key, coalesce(case when r.status = 'SENT' then r.response_due_at else r.sent_at end, ?)"
                + " as due_key, r.status, r.opened_at from referral r where r.provider_id = ? and r.sent_at is not null) x"
                + " where 1 = 1");
        args.add(Timestamp.from(NO_DUE));
        args.add(provider);
        if (statuses != null && !statuses.isEmpty()) {
            sql.append(" and status in (").append(String.join(", ", statuses.stream().map(x -> "?").toList()))
                    .append(")");
            statuses.stream().map(ReferralStatus::name).sorted().forEach(args::add);
        }
        if (opened != null) {
            sql.append(opened ? " and opened_at is not null" : " and opened_at is null");
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
        List<ProviderReferral> items = new ArrayList<>();
        for (Cursor k : keys) {
            ReferralRecord r = referrals.find(k.id()).orElseThrow();
            items.add(view(r, cases.find(r.caseId()).orElseThrow(), openedAt(r.id()), null, null));
        }
        return new ProviderReferralPage().items(items).nextCursor(next);
    }

    /**
     * One referral, with the programs and deadlines of the case's latest screening, and the person's identity only
     * under a valid consent for this provider (audited). The first read by a user of the organisation marks it opened.
     */
    @Transactional
    public ProviderReferral read(UUID referralId) {
        ReferralRecord referral = own(referralId);
        jdbc.update("update referral set opened_at = ? where id = ? and opened_at is null",
                Timestamp.from(clock.instant()), referralId);
        CaseRecord legalAidCase = cases.find(referral.caseId()).orElseThrow();
        CaseIdentity.Sharing sharing = identity.forReferral(referral.caseId(), referral.providerId());
        if (sharing.sharesIdentity()) {
            audit.record(AuditEntry.of("IDENTITY_READ", referral.caseId().toString()).withDetail(java.util.Map.of(
                    "providerId", referral.providerId().toString(), "consentId", sharing.consentId().toString())));
        }
        ProviderReferral view = view(referral, legalAidCase, openedAt(referralId), sharing.identityJson(),
                sharing.consentId());
        return view.programs(programs(legalAidCase));
    }

    /**
     * The provider's answer, recorded with the calling provider user as the one who responded. A decline needs one
     * of {@link #DECLINE_REASONS}; nothing is written when the answer is refused.
     */
    @Transactional
    public ProviderReferral answer(UUID referralId, boolean accepted, String reasonCode, String reason) {
        ReferralRecord referral = own(referralId);
        String code = accepted || reasonCode == null || reasonCode.isBlank() ? null : reasonCode;
        if (code != null && !DECLINE_REASONS.contains(code)) {
            throw new UnprocessableException("/reasonCode", "not a reason code of the contract",
                    "Choose one of the reasons for declining: " + String.join(", ", DECLINE_REASONS) + ".");
        }
        caseService.recordProviderResponse(referral.caseId(), referralId, accepted, actors.get().id(), code,
                reason == null || reason.isBlank() ? null : reason.trim());
        ReferralRecord answered = referrals.find(referralId).orElseThrow();
        return view(answered, cases.find(answered.caseId()).orElseThrow(), openedAt(referralId), null, null);
    }

    private Instant openedAt(UUID referralId) {
        Timestamp at = jdbc.queryForObject("select opened_at from referral where id = ?", Timestamp.class, referralId);
        return at == null ? null : at.toInstant();
    }

    private ProviderReferral view(ReferralRecord r, CaseRecord c, Instant openedAt, String identityJson,
                                  UUID consentId) {
        ProviderReferral out = new ProviderReferral().id(r.id()).caseId(r.caseId()).attempt(r.attempt())
                .status(org.refugio.api.model.ReferralStatus.fromValue(r.status().name()))
                .target(ReferralTarget.fromValue(r.target().name()))
                .urgent(Boolean.TRUE.equals(c.urgent()))
                .urgencyReasons(c.urgencyReasons() == null ? List.of() : List.copyOf(c.urgencyReasons()))
                .languages(List.copyOf(new TreeSet<>(c.clientLanguages())))
                .sentAt(time(r.sentAt())).responseDueAt(time(r.responseDueAt())).openedAt(time(openedAt))
                .respondedAt(time(r.respondedAt())).respondedBy(r.respondedBy())
                .responseReasonCode(r.responseReasonCode())
                .referredBy(c.openedBy()).organizationContact(organizationContact);
        if (identityJson != null) {
            try {
                out.identity(json.readValue(identityJson, PersonIdentity.class)).consentId(consentId);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored identity is unreadable", e);
            }
        }
        return out;
    }

    /** The programs of the latest screening with their outcome and deadlines (earliest first); no facts, no reasons. */
    private List<ProviderReferralProgram> programs(CaseRecord c) {
        if (c.screeningId() == null) {
            return List.of();
        }
        ScreeningDecision decision = screenings.find(c.screeningId(), Actor.SYSTEM).orElse(null);
        if (decision == null || decision.getPrograms() == null) {
            return List.of();
        }
        return decision.getPrograms().stream().map(p -> new ProviderReferralProgram().program(p.getProgram())
                .status(p.getStatus()).deadlines(p.getDeadlines() == null ? List.of() : p.getDeadlines().stream()
                        .sorted(Comparator.comparing(d -> d.getDate())).toList())).toList();
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
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
