package io.openjims.collector.directory.ldap;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Everything needed to poll one directory; the bind password is plain text here and must never be logged. */
public record DirectorySettings(
        UUID id,
        String name,
        DirectoryKind kind,
        String url,
        boolean startTls,
        String bindDn,
        String bindPassword,
        String baseDn,
        String domain,
        String netbiosName,
        List<String> upnSuffixes,
        int pollIntervalSeconds,
        int fullSyncIntervalSeconds,
        List<String> excludeDnPatterns,
        String caPem,
        LdapMapping mapping,
        int configVersion) {

    public DirectorySettings {
        domain = domain.toLowerCase(Locale.ROOT);
        upnSuffixes = upnSuffixes == null ? List.of() : List.copyOf(upnSuffixes);
        excludeDnPatterns = excludeDnPatterns == null ? List.of() : List.copyOf(excludeDnPatterns);
        mapping = mapping == null ? LdapMapping.DEFAULTS : mapping.withDefaults();
    }

    /** The source name under which a failure of this directory is reported. */
    public String healthSource() {
        return "directory:" + name;
    }

    public List<Pattern> excludePatterns() {
        return excludeDnPatterns.stream()
                .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE))
                .toList();
    }

    @Override
    public String toString() {
        return "DirectorySettings[" + name + " " + url + " base=" + baseDn + " bind=" + bindDn + "]";
    }
}
