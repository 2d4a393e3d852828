package io.openjims.model;

import java.time.Instant;
import java.util.List;

/**
 * A user, group, device or domain read from a directory. Value of {@link Topics#DIRECTORY} (compacted), keyed by
 * {@link #key()}; a null value under the same key means the object was deleted.
 *
 * @param id idempotency key of this version of the object
 * @param schema wire version, {@link #SCHEMA_VERSION} when written by this code
 * @param domain the directory's DNS domain name, lower case
 * @param guid objectGUID (or entryUUID), or null where the directory has none
 * @param name sAMAccountName (user), group name, computer name, or the DNS name for a domain
 * @param memberOf DNs of the groups this object is a direct member of
 * @param groups names of all groups this object belongs to, nested membership resolved
 * @param aliases for a domain: its NetBIOS name and UPN suffixes
 * @param os operating system of a device
 * @param changeMarker what the directory says changed (uSNChanged or modifyTimestamp)
 * @param site the site of the collector that read it (see {@link EventSource#site()}), or null when unknown
 */
public record DirectoryObject(
        String id,
        int schema,
        DirectoryObjectKind kind,
        String domain,
        String guid,
        String dn,
        String name,
        String upn,
        String displayName,
        List<String> memberOf,
        List<String> groups,
        List<String> aliases,
        String os,
        boolean disabled,
        Instant changedAt,
        String changeMarker,
        String site) {

    public static final int SCHEMA_VERSION = 1;

    /** An object whose collector site is unknown. */
    public DirectoryObject(
            String id,
            int schema,
            DirectoryObjectKind kind,
            String domain,
            String guid,
            String dn,
            String name,
            String upn,
            String displayName,
            List<String> memberOf,
            List<String> groups,
            List<String> aliases,
            String os,
            boolean disabled,
            Instant changedAt,
            String changeMarker) {
        this(
                id,
                schema,
                kind,
                domain,
                guid,
                dn,
                name,
                upn,
                displayName,
                memberOf,
                groups,
                aliases,
                os,
                disabled,
                changedAt,
                changeMarker,
                null);
    }

    /** The same object stamped with the site of the collector publishing it. */
    public DirectoryObject withSite(String newSite) {
        return new DirectoryObject(
                id,
                schema,
                kind,
                domain,
                guid,
                dn,
                name,
                upn,
                displayName,
                memberOf,
                groups,
                aliases,
                os,
                disabled,
                changedAt,
                changeMarker,
                newSite);
    }

    /** Kafka record key: {@code domain/kind/guid}, or {@code domain/kind/dn} where there is no GUID. */
    public String key() {
        return Topics.directoryKey(domain, kind, guid != null && !guid.isBlank() ? guid : dn);
    }
}
