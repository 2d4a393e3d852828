package io.openjims.query.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client ids and secrets; their hashing is service-support's Pbkdf2Hasher (tested there). */
class SecretGeneratorTest {

    @Test
    void generatedIdsAndSecretsAreRandomAndNeedNoEscaping() {
        SecretGenerator generator = new SecretGenerator();
        assertThat(generator.clientId()).matches("[a-z0-9]{20}").isNotEqualTo(generator.clientId());
        assertThat(generator.secret()).matches("[A-Za-z0-9]{40}").isNotEqualTo(generator.secret());
    }
}
