package io.openjims.collector.directory.ldap;

import io.openjims.model.DirectoryObjectKind;
import java.time.Instant;
import java.util.List;

/**
 * One user, group or device as read from a directory, before membership is resolved.
 *
 * @param guid objectGUID / entryUUID in lower case; the identity of the entry across renames
 * @param dnNorm normalized DN, for matching member references
 * @param login lower-case login name of a user (posixGroup memberUid values match it), else null
 * @param memberRefs normalized DNs listed as members of a group
 * @param memberUids lower-case login names listed as members of a posixGroup
 * @param rid relative id of a group (last part of objectSid; Active Directory primary groups), else null
 * @param primaryGroupRid primaryGroupID of a user or computer (Active Directory), else null
 * @param changeMarker uSNChanged or modifyTimestamp as the server wrote it
 */
public record LdapEntry(
        DirectoryObjectKind kind,
        String guid,
        String dn,
        String dnNorm,
        String name,
        String login,
        String upn,
        String displayName,
        String os,
        boolean disabled,
        Instant changedAt,
        String changeMarker,
        List<String> memberRefs,
        List<String> memberUids,
        Integer rid,
        Integer primaryGroupRid) {}
