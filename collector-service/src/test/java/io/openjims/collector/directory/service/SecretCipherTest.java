package io.openjims.collector.directory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsAndEveryEncryptionDiffers() {
        SecretCipher cipher = SecretCipher.withKey(KEY);
        byte[] a = cipher.encrypt("p@ss wörd", "dir-1");
        byte[] b = cipher.encrypt("p@ss wörd", "dir-1");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.decrypt(a, "dir-1")).isEqualTo("p@ss wörd");
    }

    @Test
    void aCiphertextDoesNotDecryptForAnotherOwnerOrKey() {
        byte[] sealed = SecretCipher.withKey(KEY).encrypt("secret", "dir-1");
        assertThatThrownBy(() -> SecretCipher.withKey(KEY).decrypt(sealed, "dir-2"))
                .hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> SecretCipher.withKey(OTHER).decrypt(sealed, "dir-1"))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedClearly() {
        assertThatThrownBy(() -> SecretCipher.withKey(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
