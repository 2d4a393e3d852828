package io.openjims.query.auth.service;

import java.security.SecureRandom;

/** Random client ids and secrets from characters that need no escaping in forms, JSON, Basic or CLI configs. */
public final class SecretGenerator {

    private static final String LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LOWER_DIGITS;

    private final SecureRandom random = new SecureRandom();

    /** 20 characters of [a-z0-9] (about 103 bits). */
    public String clientId() {
        return random(LOWER_DIGITS, 20);
    }

    /** 40 characters of [A-Za-z0-9] (about 238 bits). */
    public String secret() {
        return random(ALPHANUMERIC, 40);
    }

    private String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
