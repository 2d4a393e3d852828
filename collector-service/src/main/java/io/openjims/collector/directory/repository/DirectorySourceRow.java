package io.openjims.collector.directory.repository;

import java.util.UUID;

/** A configured directory as the sync scheduler reads it (password still encrypted). */
public record DirectorySourceRow(
        UUID id,
        String name,
        String kind,
        String url,
        boolean startTls,
        String bindDn,
        byte[] bindPasswordEnc,
        String baseDn,
        String domain,
        String netbiosName,
        String upnSuffixesJson,
        int pollIntervalSeconds,
        int fullSyncIntervalSeconds,
        String excludeDnPatternsJson,
        String caPem,
        String ldapMappingJson,
        int configVersion) {}
