package io.openjims.collector.directory.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.directory.ldap.LdapMapping;
import java.util.List;

/** Body of POST and PUT /api/admin/directories. On PUT a missing bind_password keeps the stored one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DirectoryRequest(
        String name,
        String kind,
        String url,
        Boolean startTls,
        String bindDn,
        String bindPassword,
        String baseDn,
        String domain,
        String netbiosName,
        List<String> upnSuffixes,
        Integer pollIntervalSeconds,
        Integer fullSyncIntervalSeconds,
        List<String> excludeDnPatterns,
        String caPem,
        LdapMapping ldapMapping) {

    /** This request with another bind password. */
    public DirectoryRequest withBindPassword(String password) {
        return new DirectoryRequest(
                name,
                kind,
                url,
                startTls,
                bindDn,
                password,
                baseDn,
                domain,
                netbiosName,
                upnSuffixes,
                pollIntervalSeconds,
                fullSyncIntervalSeconds,
                excludeDnPatterns,
                caPem,
                ldapMapping);
    }

    @Override
    public String toString() {
        return "DirectoryRequest[" + name + " " + url + "]";
    }
}
