package io.openjims.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets a service must use again (bind passwords, tenant passwords, client keys). Stored form,
 * version 1: the byte {@code 0x01}, a random 12-byte nonce, then the ciphertext and its 16-byte tag. The associated
 * data binds a ciphertext to its owner (e.g. the row id), so a value copied to another row does not decrypt.
 *
 * <p>Values written before the format was versioned (12-byte nonce, ciphertext and tag, no version byte) still
 * decrypt; they are tried when a value is not version 1 or does not decrypt as such.
 */
public final class SecretCipher {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyName;

    private SecretCipher(byte[] key, String keyName) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyName = keyName;
    }

    /**
     * A cipher from the base64 form of a 32-byte key; {@code keyName} (e.g. the environment variable) names the key
     * in messages. Throws {@link IllegalArgumentException} for a key that is not base64 or not 32 bytes.
     */
    public static SecretCipher fromBase64(String base64Key, String keyName) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyName + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    keyName + " must be 32 bytes (base64 of 32 random bytes), got " + raw.length + " bytes");
        }
        return new SecretCipher(raw, keyName);
    }

    /** A cipher when a key is set (not blank), else empty: a service without a key refuses to store secrets. */
    public static Optional<SecretCipher> ifConfigured(Optional<String> base64Key, String keyName) {
        return base64Key.filter(k -> !k.isBlank()).map(k -> fromBase64(k, keyName));
    }

    public byte[] encrypt(String plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts; throws {@link IllegalStateException} when the key or owner is wrong or the value was altered. */
    public String decrypt(byte[] stored, String owner) {
        if (stored == null || stored.length < NONCE_BYTES + TAG_BYTES) {
            throw new IllegalStateException("stored secret is damaged (too short)");
        }
        if (stored[0] == VERSION && stored.length >= 1 + NONCE_BYTES + TAG_BYTES) {
            String plain = open(stored, 1, owner);
            if (plain != null) {
                return plain;
            }
        }
        // Unversioned: nonce at 0. A version-1 value that failed above fails here too (GCM authenticates).
        String plain = open(stored, 0, owner);
        if (plain == null) {
            throw new IllegalStateException(
                    "stored secret does not decrypt: wrong " + keyName + " (was it changed?) or altered data");
        }
        return plain;
    }

    private String open(byte[] stored, int nonceAt, String owner) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, nonceAt, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            int from = nonceAt + NONCE_BYTES;
            return new String(cipher.doFinal(stored, from, stored.length - from), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
