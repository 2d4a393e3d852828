package io.openjims.collector.radius.service;

import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.support.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Encrypts RADIUS shared secrets at rest with the collector's key ({@code OPENJIMS_COLLECTOR_ENCRYPTION_KEY}, the one
 * that also encrypts bind passwords), each bound to its client id.
 */
@ApplicationScoped
public class RadiusSecrets {

    static final String KEY_NAME = "OPENJIMS_COLLECTOR_ENCRYPTION_KEY";
    private static final String OWNER_PREFIX = "radius-client:";

    private final Optional<SecretCipher> cipher;

    public RadiusSecrets(DirectoryConfig config) {
        this.cipher = SecretCipher.ifConfigured(config.encryptionKey(), KEY_NAME);
    }

    /** False while no key is set: then no RADIUS client can be added. */
    public boolean configured() {
        return cipher.isPresent();
    }

    public byte[] encrypt(String secret, String clientId) {
        return cipher().encrypt(secret, OWNER_PREFIX + clientId);
    }

    public String decrypt(byte[] stored, String clientId) {
        return cipher().decrypt(stored, OWNER_PREFIX + clientId);
    }

    private SecretCipher cipher() {
        return cipher.orElseThrow(() -> new IllegalStateException(KEY_NAME + " is not set"));
    }
}
