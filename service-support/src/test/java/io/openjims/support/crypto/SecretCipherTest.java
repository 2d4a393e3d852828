package io.openjims.support.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The one secret format; also the assertions of collector-service's and push-service's former ciphers. */
class SecretCipherTest {

    private static final String ZERO_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] OLD_KEY_BYTES = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String OLD_KEY = Base64.getEncoder().encodeToString(OLD_KEY_BYTES);
    private static final String NAME = "OPENJIMS_TEST_ENCRYPTION_KEY";

    /** Written by collector-service's former cipher (nonce, ciphertext and tag; no version) for owner dir-1. */
    private static final String OLD_COLLECTOR_VALUE = "emTfhgqUfb0LXHNUd5lzPnIatDLpI9TXxW78KEv7zMR5ltRpyWQ=";

    /** Written by push-service's former cipher (version 1, nonce, ciphertext and tag) for owner tenant-1. */
    private static final String OLD_PUSH_VALUE = "AQ6i2IExIr/VUv1Z//sWCebWf3YW07TctmZWGcQNFqY0suGrJCPS2kI=";

    private final SecretCipher cipher = SecretCipher.fromBase64(ZERO_KEY, NAME);

    @Test
    void roundTripsHidesThePlaintextAndEveryEncryptionDiffers() {
        byte[] a = cipher.encrypt("p@ss wörd", "dir-1");
        byte[] b = cipher.encrypt("p@ss wörd", "dir-1");
        assertThat(a).isNotEqualTo(b);
        assertThat(a[0]).isEqualTo(SecretCipher.VERSION);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("p@ss");
        assertThat(cipher.decrypt(a, "dir-1")).isEqualTo("p@ss wörd");
    }

    @Test
    void refusesAnotherOwnerAnotherKeyOrAlteredData() {
        byte[] sealed = cipher.encrypt("Secret-Pass1", "tenant-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> SecretCipher.fromBase64(OLD_KEY, NAME).decrypt(sealed, "tenant-1"))
                .hasMessageContaining("does not decrypt")
                .hasMessageContaining(NAME);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[5], "tenant-1")).hasMessageContaining("damaged");
        assertThatThrownBy(() -> cipher.decrypt(null, "tenant-1")).hasMessageContaining("damaged");
    }

    @Test
    void keysThatAreNotBase64Or32BytesAreRefusedClearly() {
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[10]), NAME))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64("***", NAME)).hasMessageContaining("base64");
    }

    @Test
    void valuesStoredByTheFormerCiphersStillDecrypt() {
        SecretCipher old = SecretCipher.fromBase64(OLD_KEY, NAME);
        assertThat(old.decrypt(Base64.getDecoder().decode(OLD_COLLECTOR_VALUE), "dir-1"))
                .isEqualTo("p@ss wörd");
        assertThat(old.decrypt(Base64.getDecoder().decode(OLD_PUSH_VALUE), "tenant-1"))
                .isEqualTo("Secret-Pass1");
        assertThatThrownBy(() -> old.decrypt(Base64.getDecoder().decode(OLD_COLLECTOR_VALUE), "dir-2"))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void anUnversionedValueWhoseNonceStartsWithTheVersionByteStillDecrypts() throws Exception {
        for (int i = 0; i < 20; i++) {
            byte[] nonce = new byte[12];
            new java.security.SecureRandom().nextBytes(nonce);
            nonce[0] = SecretCipher.VERSION;
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(OLD_KEY_BYTES, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD("dir-7".getBytes(StandardCharsets.UTF_8));
            byte[] sealed = aes.doFinal(("bind-" + i).getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[12 + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, 12);
            System.arraycopy(sealed, 0, stored, 12, sealed.length);
            assertThat(SecretCipher.fromBase64(OLD_KEY, NAME).decrypt(stored, "dir-7"))
                    .isEqualTo("bind-" + i);
        }
    }
}
