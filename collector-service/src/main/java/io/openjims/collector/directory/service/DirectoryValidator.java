package io.openjims.collector.directory.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.LdapConnector;
import io.openjims.collector.directory.ldap.LdapMapping;
import io.openjims.collector.directory.repository.DirectorySourceEntity;
import io.openjims.collector.directory.rest.DirectoryRequest;
import io.openjims.support.api.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a directory request field by field; the first problem is reported with the field's name. */
public final class DirectoryValidator {

    public static final int DEFAULT_POLL_SECONDS = 30;
    public static final int DEFAULT_FULL_SYNC_SECONDS_AD = 3600;
    public static final int DEFAULT_FULL_SYNC_SECONDS_LDAP = 600;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern NETBIOS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    /** A request that passed validation, normalized (lower-case domain, defaults applied). */
    public record Valid(
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
            LdapMapping ldapMapping) {}

    private DirectoryValidator() {}

    /**
     * @param passwordRequired true on create; on update a missing password keeps the stored one
     */
    /**
     * Refuses (409 {@code conflict}) a directory claiming a name another directory claims: every DNS domain, NetBIOS
     * name and UPN suffix belongs to one directory of this collector, so {@code CORP\alice} means one domain.
     */
    public static void requireOwnNames(Valid v, UUID self, List<DirectorySourceEntity> others) {
        Map<String, String> mine = claims(v.domain(), v.netbiosName(), v.upnSuffixes());
        for (DirectorySourceEntity other : others) {
            if (other.id.equals(self)) {
                continue;
            }
            Map<String, String> theirs =
                    claims(other.domain, other.netbiosName, DirectorySettingsFactory.strings(other.upnSuffixes));
            for (Map.Entry<String, String> claim : mine.entrySet()) {
                String what = theirs.get(claim.getKey());
                if (what != null) {
                    throw new ApiException(
                            409,
                            "conflict",
                            claim.getValue() + " '" + claim.getKey() + "' is already claimed by directory '"
                                    + other.name + "' (as its " + what + "); a domain name, NetBIOS name or UPN"
                                    + " suffix may belong to one directory only",
                            claim.getValue(),
                            Map.of());
                }
            }
        }
    }

    /** Lower-case names a directory claims, each with the field that claims it (the DNS domain wins). */
    private static Map<String, String> claims(String domain, String netbios, List<String> upnSuffixes) {
        Map<String, String> claims = new LinkedHashMap<>();
        if (upnSuffixes != null) {
            for (String suffix : upnSuffixes) {
                if (suffix != null && !suffix.isBlank()) {
                    claims.put(suffix.trim().toLowerCase(Locale.ROOT), "upn_suffixes");
                }
            }
        }
        if (netbios != null && !netbios.isBlank()) {
            claims.put(netbios.trim().toLowerCase(Locale.ROOT), "netbios_name");
        }
        if (domain != null) {
            claims.put(domain.trim().toLowerCase(Locale.ROOT), "domain");
        }
        return claims;
    }

    public static Valid validate(DirectoryRequest r, boolean passwordRequired) {
        if (r == null) {
            throw new ApiException(400, "invalid_request", "send a JSON object with the directory", null, Map.of());
        }
        String name = required("name", r.name());
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalidField(
                    "name", "use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        DirectoryKind kind = r.kind() == null
                ? DirectoryKind.ACTIVE_DIRECTORY
                : DirectoryKind.fromWireName(r.kind())
                        .orElseThrow(
                                () -> ApiException.invalidField("kind", "must be \"active-directory\" or \"ldap\""));
        String url = required("url", r.url());
        boolean startTls = Boolean.TRUE.equals(r.startTls());
        checkUrl(url, startTls);
        String bindDn = dn("bind_dn", required("bind_dn", r.bindDn()));
        String password = r.bindPassword();
        if (password == null || password.isEmpty()) {
            if (passwordRequired) {
                throw ApiException.invalidField("bind_password", "is required");
            }
            password = null;
        } else if (password.length() > 1024) {
            throw ApiException.invalidField("bind_password", "is longer than 1024 characters");
        }
        String baseDn = dn("base_dn", required("base_dn", r.baseDn()));
        String domain = required("domain", r.domain()).toLowerCase(Locale.ROOT);
        if (!DNS.matcher(domain).matches()) {
            throw ApiException.invalidField("domain", "must be a DNS domain name such as example.com");
        }
        String netbios = blankToNull(r.netbiosName());
        if (netbios != null && !NETBIOS.matcher(netbios).matches()) {
            throw ApiException.invalidField("netbios_name", "must be 1-15 letters, digits, '.', '_' or '-'");
        }
        List<String> suffixes = new ArrayList<>();
        if (r.upnSuffixes() != null) {
            if (r.upnSuffixes().size() > 50) {
                throw ApiException.invalidField("upn_suffixes", "at most 50 suffixes");
            }
            for (String suffix : r.upnSuffixes()) {
                String s = suffix == null ? "" : suffix.trim().toLowerCase(Locale.ROOT);
                if (!DNS.matcher(s).matches()) {
                    throw ApiException.invalidField("upn_suffixes", "\"" + suffix + "\" is not a DNS name");
                }
                suffixes.add(s);
            }
        }
        int poll = r.pollIntervalSeconds() == null ? DEFAULT_POLL_SECONDS : r.pollIntervalSeconds();
        if (poll < 10 || poll > 3600) {
            throw ApiException.invalidField("poll_interval_seconds", "must be between 10 and 3600");
        }
        int defaultFull =
                kind == DirectoryKind.ACTIVE_DIRECTORY ? DEFAULT_FULL_SYNC_SECONDS_AD : DEFAULT_FULL_SYNC_SECONDS_LDAP;
        int full = r.fullSyncIntervalSeconds() == null ? Math.max(defaultFull, poll) : r.fullSyncIntervalSeconds();
        if (full < poll || full > 604800) {
            throw ApiException.invalidField(
                    "full_sync_interval_seconds", "must be between poll_interval_seconds and 604800");
        }
        List<String> patterns = new ArrayList<>();
        if (r.excludeDnPatterns() != null) {
            if (r.excludeDnPatterns().size() > 100) {
                throw ApiException.invalidField("exclude_dn_patterns", "at most 100 patterns");
            }
            for (String pattern : r.excludeDnPatterns()) {
                if (pattern == null || pattern.isBlank()) {
                    throw ApiException.invalidField("exclude_dn_patterns", "a pattern is empty");
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw ApiException.invalidField(
                            "exclude_dn_patterns",
                            "\"" + pattern + "\" is not a regular expression: " + e.getDescription());
                }
                patterns.add(pattern);
            }
        }
        String caPem = blankToNull(r.caPem());
        if (caPem != null) {
            try {
                LdapConnector.trustManagers(caPem);
            } catch (GeneralSecurityException e) {
                throw ApiException.invalidField(
                        "ca_pem", "must hold one or more PEM X.509 certificates (-----BEGIN CERTIFICATE-----)");
            }
        }
        LdapMapping mapping = r.ldapMapping();
        if (mapping != null) {
            if (kind != DirectoryKind.LDAP) {
                throw ApiException.invalidField("ldap_mapping", "applies only to kind \"ldap\"");
            }
            checkMapping(mapping);
        }
        return new Valid(
                name,
                kind,
                url,
                startTls,
                bindDn,
                password,
                baseDn,
                domain,
                netbios,
                List.copyOf(suffixes),
                poll,
                full,
                List.copyOf(patterns),
                caPem,
                mapping);
    }

    private static void checkUrl(String url, boolean startTls) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidField("url", "is not a URL; use ldap://host[:port] or ldaps://host[:port]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw ApiException.invalidField("url", "must start with ldap:// or ldaps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.invalidField("url", "names no host; use ldap://host[:port] or ldaps://host[:port]");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw ApiException.invalidField("url", "port must be between 1 and 65535");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw ApiException.invalidField("url", "must not carry a path; put the search base in base_dn");
        }
        if (startTls && scheme.equals("ldaps")) {
            throw ApiException.invalidField("start_tls", "applies to ldap:// URLs only (ldaps:// is TLS already)");
        }
    }

    private static void checkMapping(LdapMapping m) {
        filter("ldap_mapping.user_filter", m.userFilter());
        filter("ldap_mapping.group_filter", m.groupFilter());
        filter("ldap_mapping.device_filter", m.deviceFilter());
        attribute("ldap_mapping.login_attribute", m.loginAttribute());
        attribute("ldap_mapping.display_name_attribute", m.displayNameAttribute());
        attribute("ldap_mapping.upn_attribute", m.upnAttribute());
        attribute("ldap_mapping.guid_attribute", m.guidAttribute());
        attribute("ldap_mapping.group_name_attribute", m.groupNameAttribute());
        attribute("ldap_mapping.device_name_attribute", m.deviceNameAttribute());
        attribute("ldap_mapping.member_uid_attribute", m.memberUidAttribute());
        if (m.memberAttributes() != null) {
            for (String a : m.memberAttributes()) {
                attribute("ldap_mapping.member_attributes", a);
            }
        }
    }

    private static void filter(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            Filter.create(value);
        } catch (LDAPException e) {
            throw ApiException.invalidField(field, "is not an LDAP filter (RFC 4515): " + e.getMessage());
        }
    }

    private static void attribute(String field, String value) {
        if (value != null && !ATTRIBUTE.matcher(value.trim()).matches()) {
            throw ApiException.invalidField(field, "is not an attribute name");
        }
    }

    private static String dn(String field, String value) {
        if (!DN.isValidDN(value)) {
            throw ApiException.invalidField(
                    field, "is not a distinguished name (e.g. CN=svc-openjims,CN=Users,DC=example,DC=com)");
        }
        return value;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
