package io.openjims.push.tenant.service;

import java.security.SecureRandom;
import java.util.Locale;

/** Tenant user names: {@code ojp-<name slug>-<8 random characters>}, generated once and never edited. */
public final class UsernameGenerator {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UsernameGenerator() {}

    public static String generate(String tenantName) {
        String slug = tenantName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 20) {
            slug = slug.substring(0, 20).replaceAll("-+$", "");
        }
        StringBuilder out = new StringBuilder("ojp-");
        if (!slug.isEmpty()) {
            out.append(slug).append('-');
        }
        for (int i = 0; i < 8; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
