package io.openjims.collector.directory.service;

import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.support.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Encrypts bind passwords at rest with {@code OPENJIMS_COLLECTOR_ENCRYPTION_KEY}; bound to the directory id. */
@ApplicationScoped
public class DirectorySecrets {

    static final String KEY_NAME = "OPENJIMS_COLLECTOR_ENCRYPTION_KEY";

    private final Optional<SecretCipher> cipher;

    public DirectorySecrets(DirectoryConfig config) {
        this.cipher = SecretCipher.ifConfigured(config.encryptionKey(), KEY_NAME);
    }

    /** False while no key is set: then no directory can be added. */
    public boolean configured() {
        return cipher.isPresent();
    }

    public byte[] encrypt(String plaintext, String owner) {
        return cipher().encrypt(plaintext, owner);
    }

    public String decrypt(byte[] stored, String owner) {
        return cipher().decrypt(stored, owner);
    }

    private SecretCipher cipher() {
        return cipher.orElseThrow(() -> new IllegalStateException(KEY_NAME + " is not set"));
    }
}
