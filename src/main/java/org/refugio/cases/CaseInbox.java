package org.refugio.cases;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.refugio.eligibility.ReferralTarget;
import org.refugio.problem.UnprocessableException;
import org.refugio.security.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The case list (GET /api/v1/cases and the caseworker's inbox): overdue first, then urgent, then by the provider's
 * answer due date, then oldest; keyset (cursor) pagination over that order, so a page never repeats or skips a case
 * while cases are opened. An intake system sees only the cases it opened.
 */
@Service
public class CaseInbox {

    /** The filters; null means any. */
    public record Filter(CaseStatus status, Boolean urgent, Boolean overdue, Instant dueBefore, String openedBy) { }

    /** One row of the list. */
    public record Row(UUID id, CaseStatus status, Instant openedAt, String openedBy, boolean urgent,
                      Boolean needsMoreInformation, ReferralTarget target, UUID referralId,
                      ReferralStatus referralStatus, UUID providerId, String providerName, Instant responseDueAt,
                      boolean overdue) { }

    public record Page(List<Row> items, String nextCursor) { }

    private static final Instant NO_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CaseInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Page list(Filter filter, Actor actor, String cursor, int size) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from (select c.id, c.status, c.opened_at, c.opened_by,"
                + " c.urgent, c.needs_more_information, c.target, r.id as referral_id, r.status as referral_status,"
                + " r.provider_id, p.name as provider_name, r.response_due_at,"
                + " case when r.status = 'SENT' and r.response_due_at < ? then 0 when c.urgent then 1 else 2 end"
                + " as rank_key, coalesce(r.response_due_at, ?) as due_key"
                + " from legal_aid_case c"
                + " left join referral r on r.case_id = c.id"
                + " and r.attempt = (select max(r2.attempt) from referral r2 where r2.case_id = c.id)"
                + " left join legal_aid_provider p on p.id = r.provider_id) x where 1 = 1");
        args.add(now);
        args.add(Timestamp.from(NO_DUE));
        if (filter.status() != null) {
            sql.append(" and status = ?");
            args.add(filter.status().name());
        }
        if (filter.urgent() != null) {
            sql.append(filter.urgent() ? " and urgent = true" : " and (urgent = false or urgent is null)");
        }
        if (filter.overdue() != null) {
            sql.append(filter.overdue() ? " and rank_key = 0" : " and rank_key <> 0");
        }
        if (filter.dueBefore() != null) {
            sql.append(" and response_due_at < ?");
            args.add(Timestamp.from(filter.dueBefore()));
        }
        String openedBy = actor.seesOnlyOwnRecords() ? actor.id() : filter.openedBy();
        if (openedBy != null) {
            sql.append(" and opened_by = ?");
            args.add(openedBy);
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.parse(cursor);
            sql.append(" and (rank_key > ? or (rank_key = ? and (due_key > ? or (due_key = ? and (opened_at > ?"
                    + " or (opened_at = ? and id > ?))))))");
            Timestamp due = Timestamp.from(after.due());
            Timestamp opened = Timestamp.from(after.openedAt());
            args.addAll(List.of(after.rank(), after.rank(), due, due, opened, opened, after.id()));
        }
        sql.append(" order by rank_key, due_key, opened_at, id limit ?");
        args.add(size + 1);
        List<Object[]> keyed = new ArrayList<>();
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> {
            keyed.add(new Object[] {rs.getInt("rank_key"), rs.getTimestamp("due_key").toInstant()});
            return row(rs);
        }, args.toArray());
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Row last = rows.get(size - 1);
            Object[] key = keyed.get(size - 1);
            next = new Cursor((Integer) key[0], (Instant) key[1], last.openedAt(), last.id()).encode();
        }
        return new Page(List.copyOf(rows), next);
    }

    private static Row row(ResultSet rs) throws SQLException {
        String target = rs.getString("target");
        String referralStatus = rs.getString("referral_status");
        return new Row(rs.getObject("id", UUID.class), CaseStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("opened_at").toInstant(), rs.getString("opened_by"),
                Boolean.TRUE.equals(CaseRepository.bool(rs, "urgent")), CaseRepository.bool(rs, "needs_more_information"),
                target == null ? null : ReferralTarget.valueOf(target), rs.getObject("referral_id", UUID.class),
                referralStatus == null ? null : ReferralStatus.valueOf(referralStatus),
                rs.getObject("provider_id", UUID.class), rs.getString("provider_name"),
                CaseRepository.instant(rs.getTimestamp("response_due_at")), rs.getInt("rank_key") == 0);
    }

    /** Where a page ended: the sort key of its last row, opaque to clients (base64url). */
    record Cursor(int rank, Instant due, Instant openedAt, UUID id) {

        String encode() {
            String raw = rank + "|" + due + "|" + openedAt + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Integer.parseInt(parts[0]), Instant.parse(parts[1]), Instant.parse(parts[2]),
                        UUID.fromString(parts[3]));
            } catch (RuntimeException e) {
                throw new UnprocessableException("/cursor", "not a cursor this service gave",
                        "The cursor is not one this service gave; start again without it.");
            }
        }
    }
}
