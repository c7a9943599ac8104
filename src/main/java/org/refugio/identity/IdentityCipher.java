package org.refugio.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * AES-256-GCM for the protected personal data (issue 5). Keys come from configuration by id; every ciphertext
 * records the id of the key that sealed it, so keys can be rotated: new data uses the active key, old data still
 * opens with the key it names. The record's own id is bound as associated data, so a ciphertext moved to another
 * record does not open.
 */
public final class IdentityCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * @param activeKeyId id of the key new data is sealed with
     * @param keys        key id to base64 of a 32-byte key
     */
    @ConfigurationProperties("refugio.identity")
    public record Keys(String activeKeyId, Map<String, String> keys) {
        public Keys {
            keys = keys == null ? Map.of() : new LinkedHashMap<>(keys);
        }
    }

    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) { }

    private final String activeKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public IdentityCipher(Keys configured) {
        configured.keys().forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new IllegalStateException("identity key " + id + " must be 32 bytes (base64 of 256 bits)");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(configured.activeKeyId())) {
            throw new IllegalStateException("refugio.identity.active-key-id names no configured key");
        }
        this.activeKeyId = configured.activeKeyId();
    }

    public Sealed seal(String plaintext, String recordId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKeyId, recordId));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public String open(Sealed sealed, String recordId) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("no configured key with id " + sealed.keyId());
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad(sealed.keyId(), recordId));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a protected record did not open: tampered, moved or wrong key", e);
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static byte[] aad(String keyId, String recordId) {
        byte[] k = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] r = recordId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + k.length + r.length).putInt(k.length).put(k).putInt(r.length).put(r).array();
    }
}
