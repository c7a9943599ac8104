package org.refugio.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature it has verified, so that an intake system sending the same bearer token with
 * every request pays for the RSA verification once (issue 14: about 7% of a case request's processor time), not
 * per request.
 *
 * <p>Only the signature check is remembered. Every use of a remembered token is validated again (expiry, not
 * before, issuer, audience), so a token is refused from the instant it expires, as without this class. A token is
 * remembered for at most {@code maxAge}, after which its signature is verified again: a key withdrawn from the
 * identity provider's key set stops being trusted within that time. Tokens are held by their SHA-256, never as
 * text, and at most {@code capacity} at once.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Duration maxAge;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Jwt jwt, Instant forgetAt) {
    }

    /**
     * @param verifier  verifies the signature and validates the claims (the decoder this class stands in front of)
     * @param validator the same claim validation, applied again on every use of a remembered token
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration maxAge, int capacity,
                   Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.maxAge = maxAge;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = sha256(token);
        Instant now = clock.instant();
        Remembered known = remembered.get(key);
        if (known != null && now.isBefore(known.forgetAt()) && !validator.validate(known.jwt()).hasErrors()) {
            return known.jwt();
        }
        if (known != null) {
            remembered.remove(key, known);
        }
        Jwt jwt = verifier.decode(token);
        remember(key, jwt, now);
        return jwt;
    }

    private void remember(String key, Jwt jwt, Instant now) {
        if (remembered.size() >= capacity) {
            remembered.values().removeIf(r -> !now.isBefore(r.forgetAt()));
            if (remembered.size() >= capacity) {
                remembered.clear();
            }
        }
        Instant forgetAt = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(forgetAt)) {
            forgetAt = jwt.getExpiresAt();
        }
        remembered.put(key, new Remembered(jwt, forgetAt));
    }

    int size() {
        return remembered.size();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
