package io.openjims.support.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PBKDF2 hashes; also the assertions of collector-service's CredentialHasher and query-service's SecretHasher. */
class Pbkdf2HasherTest {

    /** Stored by collector-service's former CredentialHasher (310,000 iterations) for "s3cret". */
    private static final String OLD_COLLECTOR_HASH =
            "pbkdf2-sha256$310000$AmOQdKr+zkQ29nrjk1JznQ$cMJVqTLpiXOvuHjwm7eJ62KCrB0BVZLKKFdFD3tVGeo";

    /** Stored by query-service's former SecretHasher (1,000 iterations) for "s3cret". */
    private static final String OLD_QUERY_HASH =
            "pbkdf2-sha256$1000$5Sg9HrB+PF1fgtaYaXR2Ww$ITHXVKVuZ0Y+7hyP7oI4NUMdTJH8Fj3OOilJgDHLR8M";

    private final Pbkdf2Hasher hasher = new Pbkdf2Hasher(1_000);

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
        String old = new Pbkdf2Hasher(2_000).hash("rotate-me");
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
        assertThat(hasher.verify("x", "garbage")).isFalse();
        assertThat(hasher.verify("x", "bcrypt$1000$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$abc$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$10$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$1000$!!!$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$1000$AAAA$")).isFalse();
    }

    @Test
    void hashesStoredByTheFormerHashersStillVerify() {
        assertThat(hasher.verify("s3cret", OLD_COLLECTOR_HASH)).isTrue();
        assertThat(hasher.verify("s3cret!", OLD_COLLECTOR_HASH)).isFalse();
        assertThat(new Pbkdf2Hasher(310_000).verify("s3cret", OLD_QUERY_HASH)).isTrue();
        assertThat(hasher.verify("s3cret!", OLD_QUERY_HASH)).isFalse();
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> new Pbkdf2Hasher(999)).hasMessageContaining("at least 1000");
    }
}
