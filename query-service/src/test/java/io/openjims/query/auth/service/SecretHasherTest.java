package io.openjims.query.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher(1_000);

    @Test
    void hashVerifiesOnlyTheSameSecretAndNeverContainsIt() {
        String secret = "s3cret-VALUE-0123456789";
        String hash = hasher.hash(secret);

        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain(secret);
        assertThat(hasher.verify(secret, hash)).isTrue();
        assertThat(hasher.verify(secret + "x", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.verify(null, hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void aHashKeepsItsIterationCountWhenTheSettingChanges() {
        String old = new SecretHasher(2_000).hash("rotate-me");
        assertThat(hasher.verify("rotate-me", old)).isTrue();
    }

    @Test
    void nonAsciiSecretsWork() {
        String hash = hasher.hash("pässwörd-✓");
        assertThat(hasher.verify("pässwörd-✓", hash)).isTrue();
        assertThat(hasher.verify("passwort-✓", hash)).isFalse();
    }

    @Test
    void malformedStoredValuesNeverVerify() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "x")).isFalse();
        assertThat(hasher.verify("x", "bcrypt$1000$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$abc$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$10$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$1000$!!!$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$1000$AAAA$")).isFalse();
    }

    @Test
    void generatedIdsAndSecretsAreRandomAndNeedNoEscaping() {
        SecretGenerator generator = new SecretGenerator();
        assertThat(generator.clientId()).matches("[a-z0-9]{20}").isNotEqualTo(generator.clientId());
        assertThat(generator.secret()).matches("[A-Za-z0-9]{40}").isNotEqualTo(generator.secret());
    }
}
