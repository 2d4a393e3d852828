package io.openjims.push.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsAPasswordWithEveryRule() {
        assertThat(PasswordPolicy.violations("Secret-Pass1")).isEmpty();
        assertThat(PasswordPolicy.violations("Ab3$efgh")).isEmpty();
    }

    @Test
    void namesEveryBrokenRule() {
        assertThat(PasswordPolicy.violations("abc"))
                .containsExactly(
                        "password must be at least 8 characters long",
                        "password must contain a digit",
                        "password must contain an upper-case letter",
                        "password must contain a special character (not a letter, digit or space)");
        assertThat(PasswordPolicy.violations(null)).containsExactly("password is required");
        assertThat(PasswordPolicy.violations("Abcdefg 1"))
                .containsExactly("password must contain a special character (not a letter, digit or space)");
    }
}
