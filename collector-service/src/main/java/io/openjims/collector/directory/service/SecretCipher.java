package io.openjims.collector.directory.service;

import io.openjims.collector.directory.config.DirectoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets the collector must use later (bind passwords). Stored form: 12-byte random nonce followed by
 * the ciphertext and its 16-byte tag. The associated data binds a ciphertext to its owner (the directory id), so a
 * value copied to another row does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKey> key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretCipher(DirectoryConfig config) {
        this(config.encryptionKey());
    }

    SecretCipher(Optional<String> base64Key) {
        this.key = base64Key.filter(k -> !k.isBlank()).map(SecretCipher::parseKey);
    }

    /** A cipher with the given base64 key, for code outside CDI (benchmarks, tests of pure logic). */
    public static SecretCipher withKey(String base64Key) {
        return new SecretCipher(Optional.of(base64Key));
    }

    private static SecretKey parseKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("OPENJIMS_COLLECTOR_ENCRYPTION_KEY is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "OPENJIMS_COLLECTOR_ENCRYPTION_KEY must be 32 bytes (base64), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public boolean configured() {
        return key.isPresent();
    }

    public byte[] encrypt(String plaintext, String owner) {
        SecretKey secretKey = key.orElseThrow(SecretCipher::missingKey);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String owner) {
        SecretKey secretKey = key.orElseThrow(SecretCipher::missingKey);
        if (stored == null || stored.length <= NONCE_BYTES) {
            throw new IllegalStateException("stored secret is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "stored secret does not decrypt (was OPENJIMS_COLLECTOR_ENCRYPTION_KEY changed?)");
        }
    }

    static IllegalStateException missingKey() {
        return new IllegalStateException("OPENJIMS_COLLECTOR_ENCRYPTION_KEY is not set");
    }
}
