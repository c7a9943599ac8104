package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** A token's signature is verified once per token, while every use is still checked for expiry. */
class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);

    /** Signed tokens are "signed:<subject>:<expiry seconds after T0>"; anything else has a bad signature. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        String[] parts = token.split(":");
        if (!parts[0].equals("signed")) {
            throw new BadJwtException("bad signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(parts[1])
                .issuedAt(T0).expiresAt(T0.plusSeconds(Long.parseLong(parts[2]))).build();
        if (expiry.validate(jwt).hasErrors()) {
            throw new BadJwtException("expired");
        }
        return jwt;
    };

    private VerifiedTokens tokens(int capacity) {
        expiry.setClock(clock);
        return new VerifiedTokens(verifier, expiry, Duration.ofMinutes(5), capacity, clock);
    }

    @Test
    void theSameTokenIsVerifiedOnceAndAnotherTokenAgain() {
        VerifiedTokens tokens = tokens(100);

        assertThat(tokens.decode("signed:intake-a:3600").getSubject()).isEqualTo("intake-a");
        assertThat(tokens.decode("signed:intake-a:3600").getSubject()).isEqualTo("intake-a");
        assertThat(tokens.decode("signed:intake-b:3600").getSubject()).isEqualTo("intake-b");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedFromTheMomentItExpires() {
        VerifiedTokens tokens = tokens(100);
        tokens.decode("signed:intake-a:60");

        now = T0.plusSeconds(59);
        assertThat(tokens.decode("signed:intake-a:60").getSubject()).isEqualTo("intake-a");
        now = T0.plusSeconds(61);
        assertThatThrownBy(() -> tokens.decode("signed:intake-a:60")).isInstanceOf(BadJwtException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aSignatureIsVerifiedAgainAfterTheMaximumAge() {
        VerifiedTokens tokens = tokens(100);
        tokens.decode("signed:intake-a:3600");

        now = T0.plus(Duration.ofMinutes(4));
        tokens.decode("signed:intake-a:3600");
        assertThat(verifications).hasValue(1);
        now = T0.plus(Duration.ofMinutes(5));
        tokens.decode("signed:intake-a:3600");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        VerifiedTokens tokens = tokens(100);

        assertThatThrownBy(() -> tokens.decode("forged:intake-a:3600")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged:intake-a:3600")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void itHoldsNoMoreThanItsCapacity() {
        VerifiedTokens tokens = tokens(3);
        for (int i = 0; i < 10; i++) {
            tokens.decode("signed:intake-" + i + ":3600");
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        assertThat(tokens.decode("signed:intake-9:3600").getSubject()).isEqualTo("intake-9");
    }
}
