package io.openjims.push.secret.service;

import io.openjims.push.config.PushConfig;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Holds the at-rest cipher, or nothing when no key is configured (then tenants cannot be created). */
@ApplicationScoped
public class SecretBeans {

    static final String KEY_NAME = "OPENJIMS_PUSH_ENCRYPTION_KEY";

    private final Optional<SecretCipher> cipher;

    public SecretBeans(PushConfig config) {
        this.cipher = SecretCipher.ifConfigured(config.encryptionKey(), KEY_NAME);
    }

    /** The cipher; empty when {@code openjims.push.encryption-key} is not set. */
    public Optional<SecretCipher> cipher() {
        return cipher;
    }

    /** The cipher for storing or reading tenant secrets; 503 {@code encryption_key_missing} naming the key if unset. */
    public SecretCipher required() {
        return cipher.orElseThrow(() -> new ApiException(
                503,
                "encryption_key_missing",
                "set " + KEY_NAME + " (base64 of a 32-byte key, from a Kubernetes Secret)"
                        + " so tenant passwords can be stored encrypted"));
    }
}
