package io.openjims.collector.directory.sync;

import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;

/**
 * One record for the directory topic: a new version of an object, or a tombstone ({@code value == null}).
 *
 * @param fingerprint hash of the object's content (null for a tombstone)
 */
public record Publication(String key, DirectoryObjectKind kind, DirectoryObject value, String fingerprint) {

    public boolean tombstone() {
        return value == null;
    }
}
