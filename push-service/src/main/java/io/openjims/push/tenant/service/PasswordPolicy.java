package io.openjims.push.tenant.service;

import java.util.ArrayList;
import java.util.List;

/** The tenant password rules: at least 8 characters, a digit, an upper-case letter and a special character. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    private PasswordPolicy() {}

    /** The rules the password breaks, each as a sentence; empty when it is acceptable. */
    public static List<String> violations(String password) {
        List<String> out = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            out.add("password is required");
            return out;
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            out.add("password must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            out.add("password must contain a digit");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            out.add("password must contain an upper-case letter");
        }
        if (password.chars().allMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c))) {
            out.add("password must contain a special character (not a letter, digit or space)");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            out.add("password must not contain control characters");
        }
        return out;
    }
}
