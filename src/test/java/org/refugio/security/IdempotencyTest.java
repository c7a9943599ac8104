package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.refugio.idempotency.IdempotencyRepository;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTest extends ApiTest {

    @Autowired
    IdempotencyRepository idempotencyRepository;

    static final String FACTS = "{\"person\":{\"ageEstimate\":30}}";

    long screeningsWithAge30() {
        return jdbc.queryForObject("select count(*) from screening_decision where facts like '%\"ageEstimate\":30%'",
                Long.class);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        long before = screeningsWithAge30();

        Response first = post("/api/v1/screenings", FACTS, "Idempotency-Key", key);
        Response retry = post("/api/v1/screenings", FACTS, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(screeningsWithAge30()).isEqualTo(before + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAProblem() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/screenings", FACTS, "Idempotency-Key", key);

        Response other = post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":31}}", "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aRefusedRequestLeavesTheKeyFreeForTheCorrectedOne() {
        String key = UUID.randomUUID().toString();

        assertThat(post("/api/v1/screenings", "{\"person\":{\"ageEstimate\":-1}}", "Idempotency-Key", key).status())
                .isEqualTo(422);
        assertThat(post("/api/v1/screenings", FACTS, "Idempotency-Key", key).status()).isEqualTo(201);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneScreening() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = screeningsWithAge30();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post("/api/v1/screenings", FACTS, "Idempotency-Key", key));
        }
        List<String> ids = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertThat(r.status()).isIn(201, 409);
            if (r.status() == 201) {
                ids.add(r.json().path("id").asText());
            }
        }
        pool.shutdown();

        assertThat(ids).isNotEmpty().allMatch(id -> id.equals(ids.get(0)));
        assertThat(screeningsWithAge30()).isEqualTo(before + 1);
    }

    @Test
    void withoutAKeyEveryPostCreates() {
        long before = screeningsWithAge30();
        post("/api/v1/screenings", FACTS);
        post("/api/v1/screenings", FACTS);
        assertThat(screeningsWithAge30()).isEqualTo(before + 2);
    }

    @Test
    void theStoredFirstAnswerIsSealedNotReadable() {
        String key = UUID.randomUUID().toString();
        Response first = post("/api/v1/screenings", FACTS, "Idempotency-Key", key);

        byte[] stored = jdbc.queryForObject("select body_sealed from idempotency_record where idempotency_key = ?",
                byte[].class, key);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(first.json().path("id").asText())
                .doesNotContain("ageEstimate");
        assertThat(post("/api/v1/screenings", FACTS, "Idempotency-Key", key).json().path("id"))
                .isEqualTo(first.json().path("id"));
    }

    @Test
    void aKeyOlderThanTheRetentionIsForgottenAndPurged() {
        String key = UUID.randomUUID().toString();
        Response first = post("/api/v1/screenings", FACTS, "Idempotency-Key", key);
        jdbc.update("update idempotency_record set created_at = created_at - interval '25' hour where idempotency_key = ?",
                key);

        Response later = post("/api/v1/screenings", FACTS, "Idempotency-Key", key);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.json().path("id")).isNotEqualTo(first.json().path("id"));

        String stale = UUID.randomUUID().toString();
        post("/api/v1/screenings", FACTS, "Idempotency-Key", stale);
        jdbc.update("update idempotency_record set created_at = created_at - interval '25' hour where idempotency_key = ?",
                stale);
        assertThat(idempotencyRepository.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where idempotency_key in (?, ?)",
                Long.class, stale, key)).isEqualTo(1);
    }
}
