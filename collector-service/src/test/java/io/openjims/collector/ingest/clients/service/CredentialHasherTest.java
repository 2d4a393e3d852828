package io.openjims.collector.ingest.clients.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialHasherTest {

    @Test
    void pbkdf2VerifiesOnlyTheRightSecretAndSaltsEachHash() {
        String hash = CredentialHasher.pbkdf2("s3cret");
        assertThat(hash)
                .startsWith("pbkdf2-sha256$" + CredentialHasher.PBKDF2_ITERATIONS + "$")
                .doesNotContain("s3cret");
        assertThat(CredentialHasher.verifyPbkdf2("s3cret", hash)).isTrue();
        assertThat(CredentialHasher.verifyPbkdf2("s3cret!", hash)).isFalse();
        assertThat(CredentialHasher.pbkdf2("s3cret")).isNotEqualTo(hash);
        assertThat(CredentialHasher.verifyPbkdf2("s3cret", "garbage")).isFalse();
        assertThat(CredentialHasher.verifyPbkdf2("s3cret", null)).isFalse();
    }

    @Test
    void randomTokensUseOnlyUrlAndFormSafeCharacters() {
        assertThat(CredentialHasher.randomAlphanumeric(52)).hasSize(52).matches("[A-Za-z0-9]+");
        assertThat(CredentialHasher.randomLowerAlphanumeric(20)).hasSize(20).matches("[a-z0-9]+");
        assertThat(CredentialHasher.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
