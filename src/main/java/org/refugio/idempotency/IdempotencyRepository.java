package org.refugio.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.refugio.identity.IdentityCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The first answer to every Idempotency-Key, per actor, for as long as a client may retry
 * ({@code refugio.idempotency.retention}); the answer is sealed, as it may carry a person's facts.
 */
@Repository
public class IdempotencyRepository {

    public record Record(String requestSha256, Integer status, String contentType, String location, String body) { }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IdentityCipher cipher;
    private final Duration retention;

    IdempotencyRepository(JdbcTemplate jdbc, Clock clock, IdentityCipher cipher,
                          @Value("${refugio.idempotency.retention:PT24H}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        this.retention = retention;
    }

    Optional<Record> find(String actor, String key) {
        return jdbc.query("select request_sha256, status, content_type, location, body_key_id, body_nonce, body_sealed"
                        + " from idempotency_record where actor = ? and idempotency_key = ? and created_at >= ?",
                (rs, n) -> new Record(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? null : cipher.open(new IdentityCipher.Sealed(rs.getString(5),
                                rs.getBytes(6), rs.getBytes(7)), recordId(actor, key))),
                actor, key, Timestamp.from(oldestKept())).stream().findFirst();
    }

    /** Claims the key; a concurrent claim of the same key waits for this transaction, then fails as a duplicate. */
    void begin(String actor, String key, String path, String requestSha256) {
        jdbc.update("delete from idempotency_record where actor = ? and idempotency_key = ? and created_at < ?",
                actor, key, Timestamp.from(oldestKept()));
        jdbc.update("insert into idempotency_record (actor, idempotency_key, path, request_sha256, created_at)"
                + " values (?, ?, ?, ?, ?)", actor, key, path, requestSha256, Timestamp.from(clock.instant()));
    }

    void complete(String actor, String key, int status, String contentType, String location, String body) {
        IdentityCipher.Sealed sealed = cipher.seal(body, recordId(actor, key));
        jdbc.update("update idempotency_record set status = ?, content_type = ?, location = ?, body_key_id = ?,"
                        + " body_nonce = ?, body_sealed = ? where actor = ? and idempotency_key = ?",
                status, contentType, location, sealed.keyId(), sealed.nonce(), sealed.ciphertext(), actor, key);
    }

    /** Every node purges; the delete is the same whoever runs it. */
    @Scheduled(fixedDelayString = "${refugio.idempotency.purge-every:PT15M}", initialDelayString = "PT1M")
    public int purgeExpired() {
        return jdbc.update("delete from idempotency_record where created_at < ?", Timestamp.from(oldestKept()));
    }

    private Instant oldestKept() {
        return clock.instant().minus(retention);
    }

    private static String recordId(String actor, String key) {
        return "idempotency\n" + actor + "\n" + key;
    }
}
