package io.openjims.push.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.push.secret.service.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsAndHidesThePlaintext() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);
        byte[] sealed = cipher.encrypt("Secret-Pass1", "tenant-1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Secret-Pass1");
        assertThat(cipher.decrypt(sealed, "tenant-1")).isEqualTo("Secret-Pass1");
        assertThat(cipher.encrypt("Secret-Pass1", "tenant-1")).isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherOwnerAnotherKeyOrAlteredData() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);
        byte[] sealed = cipher.encrypt("Secret-Pass1", "tenant-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-2")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(other))
                        .decrypt(sealed, "tenant-1"))
                .hasMessageContaining("OPENJIMS_PUSH_ENCRYPTION_KEY");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[10])))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64("***")).hasMessageContaining("base64");
    }
}
