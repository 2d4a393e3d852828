package io.openjims.collector.directory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.directory.ldap.LdapMapping;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A directory as the admin API shows it: never the bind password. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectoryView(
        UUID id,
        String name,
        String kind,
        String url,
        boolean startTls,
        String bindDn,
        boolean bindPasswordSet,
        String baseDn,
        String domain,
        String netbiosName,
        List<String> upnSuffixes,
        int pollIntervalSeconds,
        int fullSyncIntervalSeconds,
        List<String> excludeDnPatterns,
        String caPem,
        LdapMapping ldapMapping,
        Instant createdAt,
        Instant updatedAt,
        Status status) {

    /** Sync status; times null until the first attempt. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Status(
            Instant lastSuccessfulSync,
            Instant lastFullSync,
            Instant lastAttempt,
            String lastError,
            int users,
            int groups,
            int devices,
            Long lastDurationMs) {}
}
