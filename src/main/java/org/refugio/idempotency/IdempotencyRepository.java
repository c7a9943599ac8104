package org.refugio.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The first answer to every Idempotency-Key, per actor. */
@Repository
public class IdempotencyRepository {

    public record Record(String requestSha256, Integer status, String contentType, String location, String body) { }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Record> find(String actor, String key) {
        return jdbc.query("select request_sha256, status, content_type, location, body from idempotency_record"
                        + " where actor = ? and idempotency_key = ?",
                (rs, n) -> new Record(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), actor, key).stream().findFirst();
    }

    /** Claims the key; a concurrent claim of the same key waits for this transaction, then fails as a duplicate. */
    void begin(String actor, String key, String path, String requestSha256) {
        jdbc.update("insert into idempotency_record (actor, idempotency_key, path, request_sha256, created_at)"
                + " values (?, ?, ?, ?, ?)", actor, key, path, requestSha256, Timestamp.from(clock.instant()));
    }

    void complete(String actor, String key, int status, String contentType, String location, String body) {
        jdbc.update("update idempotency_record set status = ?, content_type = ?, location = ?, body = ?"
                + " where actor = ? and idempotency_key = ?", status, contentType, location, body, actor, key);
    }
}
