package io.openjims.collector.directory.sync;

import io.openjims.model.DirectoryObject;
import io.openjims.model.kafka.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

/** Content hashes of directory objects: what an admin would see change, not when or by which USN it changed. */
public final class Fingerprints {

    private Fingerprints() {}

    /** SHA-256 of the object's JSON without id, changed_at and change_marker. */
    public static String of(DirectoryObject o) {
        DirectoryObject content = new DirectoryObject(
                null,
                o.schema(),
                o.kind(),
                o.domain(),
                o.guid(),
                o.dn(),
                o.name(),
                o.upn(),
                o.displayName(),
                o.memberOf(),
                o.groups(),
                o.aliases(),
                o.os(),
                o.disabled(),
                null,
                null);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(JsonCodec.toBytes(content));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable id for one version of an object: the same content under the same key gets the same id. */
    public static String versionId(String key, String fingerprint) {
        return UUID.nameUUIDFromBytes((key + "|" + fingerprint).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
