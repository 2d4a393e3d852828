package io.openjims.support.transfer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from an export passphrase: PBKDF2-HMAC-SHA256 over a random salt gives 64 bytes, the first half an
 * AES-256-GCM key for secrets, the second an HMAC-SHA256 key for the whole document. A sealed secret is
 * {@code v1:} + base64(12-byte nonce, ciphertext, tag); its associated data is where it sits in the document
 * ({@code section/name/field}), so a value moved to another item does not open.
 */
public final class ConfigSeal {

    /** Iterations for new exports (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Documents asking for fewer are refused: a forged header must not make guessing cheap. */
    public static final int MIN_ITERATIONS = 100_000;
    /** Documents asking for more are refused: a forged header must not burn the importer's CPU. */
    public static final int MAX_ITERATIONS = 10_000_000;

    static final String PREFIX = "v1:";
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final int iterations;
    private final SecretKeySpec aesKey;
    private final SecretKeySpec macKey;

    private ConfigSeal(char[] passphrase, byte[] salt, int iterations) {
        this.salt = salt.clone();
        this.iterations = iterations;
        byte[] derived = derive(passphrase, salt, iterations);
        this.aesKey = new SecretKeySpec(Arrays.copyOfRange(derived, 0, 32), "AES");
        this.macKey = new SecretKeySpec(Arrays.copyOfRange(derived, 32, 64), "HmacSHA256");
        Arrays.fill(derived, (byte) 0);
    }

    /** A seal for a new export: a fresh random salt. */
    public static ConfigSeal create(String passphrase, int iterations) {
        checkPassphrase(passphrase);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new ConfigSeal(passphrase.toCharArray(), salt, iterations);
    }

    /** The seal a document was exported with, from its salt and iterations. */
    public static ConfigSeal of(String passphrase, String base64Salt, int iterations) {
        checkPassphrase(passphrase);
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new ConfigDocumentException(
                    "invalid_document",
                    "encryption.iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS + ", got "
                            + iterations);
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(base64Salt);
        } catch (IllegalArgumentException e) {
            throw new ConfigDocumentException("invalid_document", "encryption.salt is not base64");
        }
        if (salt.length < SALT_BYTES) {
            throw new ConfigDocumentException(
                    "invalid_document", "encryption.salt must be at least " + SALT_BYTES + " bytes");
        }
        return new ConfigSeal(passphrase.toCharArray(), salt, iterations);
    }

    private static void checkPassphrase(String passphrase) {
        if (passphrase == null || passphrase.length() < 12) {
            throw new ConfigDocumentException(
                    "invalid_passphrase", "the passphrase must be at least 12 characters long");
        }
    }

    public String salt() {
        return Base64.getEncoder().encodeToString(salt);
    }

    public int iterations() {
        return iterations;
    }

    public String seal(String plaintext, String path) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(path.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext, or null when the value does not open under this passphrase at this path. */
    public String open(String sealed, String path) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(path.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    public String mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    public boolean macMatches(byte[] data, String expected) {
        return expected != null
                && MessageDigest.isEqual(
                        mac(data).getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 512);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 failed", e);
        }
    }
}
