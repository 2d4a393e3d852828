package io.openjims.collector.ingest.clients.service;

import io.openjims.support.crypto.Pbkdf2Hasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random credentials and their hashes. Secrets a person may choose or reuse are hashed with PBKDF2 ({@link
 * Pbkdf2Hasher}); long random API keys with SHA-256. Pure logic.
 */
public final class CredentialHasher {

    public static final int PBKDF2_ITERATIONS = 310_000;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pbkdf2Hasher PBKDF2 = new Pbkdf2Hasher(PBKDF2_ITERATIONS);

    private CredentialHasher() {}

    /** Random text over [A-Za-z0-9] (about 5.95 bits per character). */
    public static String randomAlphanumeric(int length) {
        return random(ALPHANUMERIC, length);
    }

    /** Random text over [a-z0-9]. */
    public static String randomLowerAlphanumeric(int length) {
        return random(LOWER_ALPHANUMERIC, length);
    }

    /** A PBKDF2 hash of {@code secret} ({@link Pbkdf2Hasher}, {@value #PBKDF2_ITERATIONS} iterations). */
    public static String pbkdf2(String secret) {
        return PBKDF2.hash(secret);
    }

    public static boolean verifyPbkdf2(String secret, String stored) {
        return PBKDF2.verify(secret, stored);
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** Compares two texts in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
