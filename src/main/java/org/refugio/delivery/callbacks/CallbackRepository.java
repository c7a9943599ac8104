package org.refugio.delivery.callbacks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.refugio.identity.IdentityCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The callback_subscription and callback_delivery tables (V80). */
@Repository
class CallbackRepository {

    record Subscription(UUID id, String clientId, String url, IdentityCipher.Sealed secret,
                        IdentityCipher.Sealed previous, Instant previousUntil, Instant createdAt, String createdBy,
                        Instant secretRotatedAt, Instant deletedAt, String deletedBy) {
        boolean deleted() {
            return deletedAt != null;
        }
    }

    record Delivery(UUID id, UUID subscriptionId, String webhookId, String eventType, UUID caseId, UUID referralId,
                    String payload, Instant occurredAt, Instant createdAt, String status, Instant nextAttemptAt,
                    int attempts, int failuresInRow, int replays, Instant lastAttemptAt, Integer lastResponseStatus,
                    String lastError, Instant deliveredAt) { }

    /** Keyset position: (created_at, id). */
    record Position(Instant createdAt, UUID id) { }

    private final JdbcTemplate jdbc;

    CallbackRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- subscriptions

    void insertSubscription(UUID id, String clientId, String url, IdentityCipher.Sealed secret, Instant at,
                            String by) {
        jdbc.update("insert into callback_subscription (id, client_id, active_client_id, url, secret_key_id,"
                        + " secret_nonce, secret_sealed, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, clientId, clientId, url, secret.keyId(), secret.nonce(), secret.ciphertext(), ts(at), by);
    }

    Optional<Subscription> subscription(UUID id) {
        return jdbc.query("select * from callback_subscription where id = ?", (rs, n) -> subscription(rs), id)
                .stream().findFirst();
    }

    /** The subscription in force for a client, if any. */
    Optional<UUID> activeSubscriptionOf(String clientId) {
        return jdbc.queryForList("select id from callback_subscription where active_client_id = ?", UUID.class,
                clientId).stream().findFirst();
    }

    List<Subscription> subscriptions(String clientId, boolean includeDeleted, Position after, int limit) {
        StringBuilder sql = new StringBuilder("select * from callback_subscription where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (clientId != null) {
            sql.append(" and client_id = ?");
            args.add(clientId);
        }
        if (!includeDeleted) {
            sql.append(" and deleted_at is null");
        }
        if (after != null) {
            sql.append(" and (created_at > ? or (created_at = ? and id > ?))");
            args.add(ts(after.createdAt()));
            args.add(ts(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" order by created_at, id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> subscription(rs), args.toArray());
    }

    /** Replaces the secret; the one it replaces signs alongside until {@code previousUntil}. */
    boolean rotate(UUID id, IdentityCipher.Sealed secret, IdentityCipher.Sealed previous, Instant previousUntil,
                   Instant at) {
        return jdbc.update("update callback_subscription set secret_key_id = ?, secret_nonce = ?, secret_sealed = ?,"
                        + " previous_key_id = ?, previous_nonce = ?, previous_sealed = ?, previous_until = ?,"
                        + " secret_rotated_at = ? where id = ? and deleted_at is null",
                secret.keyId(), secret.nonce(), secret.ciphertext(), previous.keyId(), previous.nonce(),
                previous.ciphertext(), ts(previousUntil), ts(at), id) == 1;
    }

    /** Deletes the subscription (the row stays, for its log) and cancels what it still had to receive. */
    boolean delete(UUID id, Instant at, String by) {
        if (jdbc.update("update callback_subscription set active_client_id = null, deleted_at = ?, deleted_by = ?"
                + " where id = ? and deleted_at is null", ts(at), by, id) == 0) {
            return false;
        }
        jdbc.update("update callback_delivery set status = 'CANCELLED', next_attempt_at = null, lease_token = null,"
                + " lease_until = null where subscription_id = ? and status = 'PENDING'", id);
        return true;
    }

    // ---- deliveries

    void insertDelivery(UUID id, UUID subscriptionId, String webhookId, String eventType, UUID caseId,
                        UUID referralId, String payload, Instant occurredAt, Instant at) {
        jdbc.update("insert into callback_delivery (id, subscription_id, webhook_id, event_type, case_id, referral_id,"
                        + " payload, occurred_at, created_at, status, next_attempt_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                id, subscriptionId, webhookId, eventType, caseId, referralId, payload, ts(occurredAt), ts(at), ts(at));
    }

    Optional<Delivery> delivery(UUID id) {
        return jdbc.query("select * from callback_delivery where id = ?", (rs, n) -> delivery(rs), id).stream()
                .findFirst();
    }

    /** The log, newest first. */
    List<Delivery> deliveries(UUID subscriptionId, String status, Position before, int limit) {
        StringBuilder sql = new StringBuilder("select * from callback_delivery where subscription_id = ?");
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status);
        }
        if (before != null) {
            sql.append(" and (created_at < ? or (created_at = ? and id < ?))");
            args.add(ts(before.createdAt()));
            args.add(ts(before.createdAt()));
            args.add(before.id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> delivery(rs), args.toArray());
    }

    /** Deliveries due now and not leased by a live worker, the longest waiting first. */
    List<UUID> due(Instant now, int limit) {
        return jdbc.queryForList("select id from callback_delivery where status = 'PENDING' and next_attempt_at <= ?"
                        + " and (lease_until is null or lease_until < ?) order by next_attempt_at limit ?", UUID.class,
                ts(now), ts(now), limit);
    }

    /** Takes a due delivery for one attempt; false when another worker took it first. */
    boolean lease(UUID id, UUID token, Instant now, Instant until) {
        return jdbc.update("update callback_delivery set lease_token = ?, lease_until = ? where id = ?"
                        + " and status = 'PENDING' and next_attempt_at <= ? and (lease_until is null or lease_until < ?)",
                token, ts(until), id, ts(now), ts(now)) == 1;
    }

    /**
     * Records an attempt. The outcome (delivered, or waiting for {@code nextAttemptAt}, or failed when that is null)
     * applies only while the attempt still holds its lease: a replay in the meantime keeps the delivery due.
     */
    void attempted(UUID id, UUID token, Instant at, Integer responseStatus, String error, boolean delivered,
                   Instant nextAttemptAt) {
        String status = delivered ? "DELIVERED" : nextAttemptAt == null ? "FAILED" : "PENDING";
        int changed = jdbc.update("update callback_delivery set attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_response_status = ?, last_error = ?, status = ?, next_attempt_at = ?,"
                        + " failures_in_row = " + (delivered ? "0" : "failures_in_row + 1") + ","
                        + " delivered_at = " + (delivered ? "?" : "delivered_at") + ","
                        + " lease_token = null, lease_until = null where id = ? and lease_token = ?",
                delivered ? new Object[] {ts(at), responseStatus, error, status, null, ts(at), id, token}
                        : new Object[] {ts(at), responseStatus, error, status, ts(nextAttemptAt), id, token});
        if (changed == 0) {
            jdbc.update("update callback_delivery set attempts = attempts + 1, last_attempt_at = ?,"
                    + " last_response_status = ?, last_error = ? where id = ?", ts(at), responseStatus, error, id);
        }
    }

    /** Due again at once, with a fresh round of retries, the same webhook id and body. */
    boolean replay(UUID id, Instant now) {
        return jdbc.update("update callback_delivery set status = 'PENDING', next_attempt_at = ?, failures_in_row = 0,"
                + " replays = replays + 1, lease_token = null, lease_until = null where id = ?", ts(now), id) == 1;
    }

    /** The delivery's subscription is gone: it will not be sent. */
    void cancel(UUID id) {
        jdbc.update("update callback_delivery set status = 'CANCELLED', next_attempt_at = null, lease_token = null,"
                + " lease_until = null where id = ? and status = 'PENDING'", id);
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String previousKey = rs.getString("previous_key_id");
        return new Subscription(rs.getObject("id", UUID.class), rs.getString("client_id"), rs.getString("url"),
                new IdentityCipher.Sealed(rs.getString("secret_key_id"), rs.getBytes("secret_nonce"),
                        rs.getBytes("secret_sealed")),
                previousKey == null ? null : new IdentityCipher.Sealed(previousKey, rs.getBytes("previous_nonce"),
                        rs.getBytes("previous_sealed")),
                instant(rs, "previous_until"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "secret_rotated_at"), instant(rs, "deleted_at"), rs.getString("deleted_by"));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getString("webhook_id"), rs.getString("event_type"), rs.getObject("case_id", UUID.class),
                rs.getObject("referral_id", UUID.class), rs.getString("payload"), instant(rs, "occurred_at"),
                instant(rs, "created_at"), rs.getString("status"), instant(rs, "next_attempt_at"),
                rs.getInt("attempts"), rs.getInt("failures_in_row"), rs.getInt("replays"),
                instant(rs, "last_attempt_at"), (Integer) rs.getObject("last_response_status"),
                rs.getString("last_error"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
