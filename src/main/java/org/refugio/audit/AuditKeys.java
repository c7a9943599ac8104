package org.refugio.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HMAC key of the audit trail (refugio.audit.hmac-key, base64, at least 32 bytes). Two keys are derived
 * from it so that a digest of facts can never be confused with a chain digest: HMAC(key, "refugio-audit-chain")
 * signs the chain and HMAC(key, "refugio-audit-facts") digests facts and stored decisions. Without the key
 * nobody can forge a record, nor test a guess of someone's facts against the digest in the log.
 */
@Component
public class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    /** Public on purpose: signing with it proves nothing, and records signed with it say so by their key id. */
    static final String DEVELOPMENT_KEY = "cmVmdWdpby1kZXZlbG9wbWVudC1rZXktZG8tbm90LXVzZS1pbi1wcm9kdWN0aW9u";

    private final SecretKeySpec chainKey;
    private final SecretKeySpec factsKey;
    private final String keyId;
    private final ThreadLocal<Mac> chainMac;
    private final ThreadLocal<Mac> factsMac;

    public AuditKeys(@Value("${refugio.audit.hmac-key:}") String base64Key) {
        boolean development = base64Key == null || base64Key.isBlank();
        byte[] master = Base64.getDecoder().decode(development ? DEVELOPMENT_KEY : base64Key.trim());
        if (master.length < 32) {
            throw new IllegalStateException("refugio.audit.hmac-key must be at least 32 bytes (base64)");
        }
        if (development) {
            log.warn("The audit log is signed with the public development key: set refugio.audit.hmac-key "
                    + "(REFUGIO_AUDIT_HMAC_KEY) to a secret of at least 32 random bytes before real use");
        }
        this.chainKey = new SecretKeySpec(hmac(master, "refugio-audit-chain"), "HmacSHA256");
        this.factsKey = new SecretKeySpec(hmac(master, "refugio-audit-facts"), "HmacSHA256");
        this.keyId = (development ? "dev-" : "k-") + HexFormat.of().formatHex(sha256(hmac(master, "refugio-audit-key-id")))
                .substring(0, 16);
        this.chainMac = ThreadLocal.withInitial(() -> mac(chainKey));
        this.factsMac = ThreadLocal.withInitial(() -> mac(factsKey));
    }

    /** Names the key without revealing it; stored with every record so keys can be rotated later. */
    public String keyId() {
        return keyId;
    }

    /** The digest that links a record to its predecessor. */
    String chainDigest(String previousDigest, String canonicalRecord) {
        Mac mac = chainMac.get();
        mac.update(previousDigest.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        return HexFormat.of().formatHex(mac.doFinal(canonicalRecord.getBytes(StandardCharsets.UTF_8)));
    }

    /** Keyed digest of stored text (facts or a decision as stored), so the log can reference it without holding it. */
    public String contentDigest(String storedText) {
        return HexFormat.of().formatHex(factsMac.get().doFinal(storedText.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String label) {
        Mac mac = mac(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
