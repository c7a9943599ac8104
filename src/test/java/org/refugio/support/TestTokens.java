package org.refugio.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.refugio.security.Role;

/**
 * Signs JWTs the way an identity provider would, with a key pair made for the test run; the application trusts
 * its public key through refugio.security.jwt.public-key-location, exactly as a deployment does.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.refugio.test";
    public static final String AUDIENCE = "refugio";

    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = write();

    private TestTokens() {
    }

    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    public static String token(String subject, Role... roles) {
        return sign(subject, AUDIENCE, ISSUER, Instant.now().plusSeconds(3600), roles);
    }

    public static String sign(String subject, String audience, String issuer, Instant expires, Role... roles) {
        return sign(subject, audience, issuer, expires, null, roles);
    }

    /** A user of one provider organisation (role PROVIDER), named by the token's provider_id claim. */
    public static String provider(String subject, String providerId) {
        return "Bearer " + sign(subject, AUDIENCE, ISSUER, Instant.now().plusSeconds(3600), providerId, Role.PROVIDER);
    }

    private static String sign(String subject, String audience, String issuer, Instant expires, String providerId,
                               Role... roles) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            if (providerId != null) {
                builder.claim("provider_id", providerId);
            }
            JWTClaimsSet claims = builder
                    .subject(subject)
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(new Date())
                    .expirationTime(Date.from(expires))
                    .claim("roles", Arrays.stream(roles).map(Role::name).toList())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String subject, Role... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** A tester that holds every role, for functional tests; the role matrix test checks each role alone. */
    public static String everyRole() {
        return bearer("tester", Role.values());
    }

    public static List<Role> allRoles() {
        return List.of(Role.values());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write() {
        try {
            Path file = Files.createTempFile("refugio-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
