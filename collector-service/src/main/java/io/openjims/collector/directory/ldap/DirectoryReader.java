package io.openjims.collector.directory.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.StaticUtils;
import io.openjims.model.DirectoryObjectKind;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads users, groups and devices from one bound connection, page by page (RFC 2696 simple paged results). Every
 * filter is built with UnboundID's {@link Filter} factory methods, which escape assertion values (RFC 4515); filters
 * from configuration are parsed, never concatenated.
 */
public final class DirectoryReader {

    /** Active Directory's LDAP_SERVER_SHOW_DELETED_OID: also return tombstones. */
    public static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";

    private static final int ACCOUNTDISABLE = 0x2;
    private static final String[] AD_ATTRIBUTES = {
        "objectGUID",
        "sAMAccountName",
        "userPrincipalName",
        "displayName",
        "cn",
        "userAccountControl",
        "uSNChanged",
        "whenChanged",
        "primaryGroupID",
        "operatingSystem",
        "objectSid",
        "member",
        "objectClass"
    };

    /** What the root DSE says about the server. */
    public record RootInfo(String highestCommittedUsn, String serverId, String defaultNamingContext) {}

    private final LDAPConnection connection;
    private final DirectorySettings settings;
    private final int pageSize;
    private final List<Pattern> exclude;
    private final boolean ad;
    /**
     * Raw DN -> normalized DN for this reader's lifetime (one poll): a user's DN is parsed once, not once per group
     * listing it, and every reference shares one String instance with the entry's own normalized DN.
     */
    private final Map<String, String> normalized = new HashMap<>();

    public DirectoryReader(LDAPConnection connection, DirectorySettings settings, int pageSize) {
        this.connection = connection;
        this.settings = settings;
        this.pageSize = pageSize;
        this.exclude = settings.excludePatterns();
        this.ad = settings.kind() == DirectoryKind.ACTIVE_DIRECTORY;
    }

    public RootInfo root() throws LDAPException {
        Entry root = connection.getEntry("", "highestCommittedUSN", "dsServiceName", "defaultNamingContext");
        if (root == null) {
            return new RootInfo(null, null, null);
        }
        return new RootInfo(
                root.getAttributeValue("highestCommittedUSN"),
                root.getAttributeValue("dsServiceName"),
                root.getAttributeValue("defaultNamingContext"));
    }

    /** True when an entry with this DN is dropped by the directory's exclusion patterns. */
    public boolean excluded(String dn) {
        for (Pattern pattern : exclude) {
            if (pattern.matcher(dn).find()) {
                return true;
            }
        }
        return false;
    }

    /** The filter selecting entries changed since a high-water mark (exclusive for uSNChanged). */
    public Filter changedSince(String marker) {
        if (ad) {
            long next = Long.parseLong(marker) + 1;
            return Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(next));
        }
        return Filter.createGreaterOrEqualFilter("modifyTimestamp", marker);
    }

    /** Streams every entry of a kind (or only those matching {@code extra}) to the sink, excluded DNs dropped. */
    public void read(DirectoryObjectKind kind, Filter extra, Consumer<LdapEntry> sink) throws LDAPException {
        Filter filter = kindFilter(kind);
        if (extra != null) {
            filter = Filter.createANDFilter(filter, extra);
        }
        SearchRequest request = new SearchRequest(settings.baseDn(), SearchScope.SUB, filter, attributes(kind));
        pagedSearch(request, entry -> {
            if (!excluded(entry.getDN())) {
                sink.accept(map(kind, entry));
            }
        });
    }

    /** True when {@link #readAll} reads every kind with one search (Active Directory); else one search per kind. */
    public boolean combinesKinds() {
        return ad;
    }

    /**
     * Streams every user, group and device (or only those matching {@code extra}) to the sink, excluded DNs dropped.
     * Active Directory: one search for all three kinds, each entry classified by its objectClass values (a computer is
     * also a user), so a poll costs one pass over the directory instead of three. Generic LDAP: one search per kind
     * (the configured filters may test attributes that are not read).
     */
    public void readAll(Filter extra, Consumer<LdapEntry> sink) throws LDAPException {
        if (!ad) {
            for (DirectoryObjectKind kind :
                    List.of(DirectoryObjectKind.GROUP, DirectoryObjectKind.USER, DirectoryObjectKind.DEVICE)) {
                read(kind, extra, sink);
            }
            return;
        }
        Filter filter = Filter.createANDFilter(
                Filter.createORFilter(
                        Filter.createEqualityFilter("objectClass", "user"),
                        Filter.createEqualityFilter("objectClass", "group")),
                Filter.createNOTFilter(Filter.createEqualityFilter("isDeleted", "TRUE")));
        if (extra != null) {
            filter = Filter.createANDFilter(filter, extra);
        }
        SearchRequest request = new SearchRequest(settings.baseDn(), SearchScope.SUB, filter, AD_ATTRIBUTES);
        pagedSearch(request, entry -> {
            DirectoryObjectKind kind = adKind(entry);
            if (kind != null && !excluded(entry.getDN())) {
                sink.accept(mapAd(kind, entry));
            }
        });
    }

    /** The kind of an Active Directory entry from its objectClass values, as the per-kind filters select it. */
    static DirectoryObjectKind adKind(Entry entry) {
        String[] classes = entry.getObjectClassValues();
        if (classes == null) {
            return null;
        }
        boolean user = false;
        boolean group = false;
        for (String c : classes) {
            if (c.equalsIgnoreCase("computer")) {
                return DirectoryObjectKind.DEVICE;
            }
            user |= c.equalsIgnoreCase("user");
            group |= c.equalsIgnoreCase("group");
        }
        return user ? DirectoryObjectKind.USER : group ? DirectoryObjectKind.GROUP : null;
    }

    /**
     * GUIDs of objects deleted since the mark (Active Directory tombstones, via the show-deleted control).
     *
     * @return null when the server refuses the control or the account may not read tombstones
     */
    public List<String> deletedSince(String usnMarker, String namingContext) throws LDAPException {
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter("isDeleted", "TRUE"),
                Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(Long.parseLong(usnMarker) + 1)));
        String base = namingContext != null ? namingContext : settings.baseDn();
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, "objectGUID");
        request.addControl(new Control(SHOW_DELETED_OID, true));
        List<String> guids = new ArrayList<>();
        try {
            pagedSearch(request, entry -> {
                String guid = adGuid(entry.getAttributeValueBytes("objectGUID"));
                if (guid != null) {
                    guids.add(guid);
                }
            });
        } catch (LDAPSearchException e) {
            ResultCode code = e.getResultCode();
            if (code == ResultCode.UNAVAILABLE_CRITICAL_EXTENSION
                    || code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS
                    || code == ResultCode.NO_SUCH_OBJECT
                    || code == ResultCode.UNWILLING_TO_PERFORM) {
                return null;
            }
            throw e;
        }
        return guids;
    }

    private void pagedSearch(SearchRequest request, Consumer<SearchResultEntry> sink) throws LDAPException {
        List<Control> baseControls = List.of(request.getControls());
        ASN1OctetString cookie = null;
        do {
            List<Control> controls = new ArrayList<>(baseControls);
            controls.add(new SimplePagedResultsControl(pageSize, cookie));
            request.setControls(controls);
            SearchResult result = connection.search(request);
            for (SearchResultEntry entry : result.getSearchEntries()) {
                sink.accept(entry);
            }
            SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
            cookie = paged != null && paged.moreResultsToReturn() ? paged.getCookie() : null;
        } while (cookie != null);
    }

    private Filter kindFilter(DirectoryObjectKind kind) throws LDAPException {
        if (ad) {
            Filter notDeleted = Filter.createNOTFilter(Filter.createEqualityFilter("isDeleted", "TRUE"));
            return switch (kind) {
                case USER ->
                    Filter.createANDFilter(
                            Filter.createEqualityFilter("objectClass", "user"),
                            Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")),
                            notDeleted);
                case GROUP -> Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"), notDeleted);
                case DEVICE ->
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "computer"), notDeleted);
                case DOMAIN -> throw new IllegalArgumentException("domain objects are not searched");
            };
        }
        LdapMapping m = settings.mapping();
        return switch (kind) {
            case USER -> Filter.create(m.userFilter());
            case GROUP -> Filter.create(m.groupFilter());
            case DEVICE -> Filter.create(m.deviceFilter());
            case DOMAIN -> throw new IllegalArgumentException("domain objects are not searched");
        };
    }

    private String[] attributes(DirectoryObjectKind kind) {
        if (ad) {
            return AD_ATTRIBUTES;
        }
        LdapMapping m = settings.mapping();
        Set<String> names = new LinkedHashSet<>(List.of("cn", "modifyTimestamp", "createTimestamp", m.guidAttribute()));
        switch (kind) {
            case USER -> names.addAll(List.of(m.loginAttribute(), m.displayNameAttribute(), m.upnAttribute()));
            case GROUP -> {
                names.add(m.groupNameAttribute());
                names.addAll(m.memberAttributes());
                names.add(m.memberUidAttribute());
            }
            case DEVICE -> names.add(m.deviceNameAttribute());
            default -> {}
        }
        return names.toArray(String[]::new);
    }

    private LdapEntry map(DirectoryObjectKind kind, SearchResultEntry entry) {
        return ad ? mapAd(kind, entry) : mapLdap(kind, entry);
    }

    private LdapEntry mapAd(DirectoryObjectKind kind, SearchResultEntry e) {
        String sam = e.getAttributeValue("sAMAccountName");
        String cn = e.getAttributeValue("cn");
        String name = switch (kind) {
            case DEVICE -> sam != null ? stripDollar(sam) : cn;
            case GROUP -> sam != null ? sam : cn;
            default -> sam != null ? sam : cn;
        };
        Integer uac = intValue(e.getAttributeValue("userAccountControl"));
        List<String> members = kind == DirectoryObjectKind.GROUP ? memberValues(e, "member") : List.of();
        return new LdapEntry(
                kind,
                adGuid(e.getAttributeValueBytes("objectGUID")),
                e.getDN(),
                normalizeCached(e.getDN()),
                name,
                sam != null ? sam.toLowerCase(Locale.ROOT) : null,
                e.getAttributeValue("userPrincipalName"),
                e.getAttributeValue("displayName"),
                e.getAttributeValue("operatingSystem"),
                uac != null && (uac & ACCOUNTDISABLE) != 0,
                time(e.getAttributeValue("whenChanged")),
                e.getAttributeValue("uSNChanged"),
                normalizeAllCached(members),
                List.of(),
                kind == DirectoryObjectKind.GROUP ? rid(e.getAttributeValueBytes("objectSid")) : null,
                kind == DirectoryObjectKind.GROUP ? null : intValue(e.getAttributeValue("primaryGroupID")));
    }

    private LdapEntry mapLdap(DirectoryObjectKind kind, SearchResultEntry e) {
        LdapMapping m = settings.mapping();
        String cn = e.getAttributeValue("cn");
        String login = kind == DirectoryObjectKind.USER ? e.getAttributeValue(m.loginAttribute()) : null;
        String name = switch (kind) {
            case USER -> login != null ? login : cn;
            case GROUP -> orElse(e.getAttributeValue(m.groupNameAttribute()), cn);
            default -> orElse(e.getAttributeValue(m.deviceNameAttribute()), cn);
        };
        List<String> members = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        if (kind == DirectoryObjectKind.GROUP) {
            for (String attribute : m.memberAttributes()) {
                members.addAll(memberValues(e, attribute));
            }
            String[] memberUids = e.getAttributeValues(m.memberUidAttribute());
            if (memberUids != null) {
                for (String uid : memberUids) {
                    uids.add(uid.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        String guid = e.getAttributeValue(m.guidAttribute());
        String marker = orElse(e.getAttributeValue("modifyTimestamp"), e.getAttributeValue("createTimestamp"));
        return new LdapEntry(
                kind,
                guid != null ? guid.trim().toLowerCase(Locale.ROOT) : null,
                e.getDN(),
                normalizeCached(e.getDN()),
                name,
                login != null ? login.toLowerCase(Locale.ROOT) : null,
                kind == DirectoryObjectKind.USER ? e.getAttributeValue(m.upnAttribute()) : null,
                kind == DirectoryObjectKind.USER ? orElse(e.getAttributeValue(m.displayNameAttribute()), cn) : null,
                null,
                false,
                time(marker),
                marker,
                normalizeAllCached(members),
                uids,
                null,
                null);
    }

    /** Values of a member attribute, following Active Directory's ranged retrieval ({@code member;range=0-1499}). */
    private List<String> memberValues(SearchResultEntry entry, String attributeName) {
        List<String> values = new ArrayList<>();
        String nextRange = null;
        for (Attribute attribute : entry.getAttributes()) {
            if (!attribute.getBaseName().equalsIgnoreCase(attributeName)) {
                continue;
            }
            values.addAll(List.of(attribute.getValues()));
            nextRange = nextRange(attribute);
        }
        try {
            while (nextRange != null) {
                String requested = attributeName + ";range=" + nextRange + "-*";
                SearchResultEntry more = connection.getEntry(entry.getDN(), requested);
                String following = null;
                if (more != null) {
                    for (Attribute attribute : more.getAttributes()) {
                        if (attribute.getBaseName().equalsIgnoreCase(attributeName)) {
                            values.addAll(List.of(attribute.getValues()));
                            following = nextRange(attribute);
                        }
                    }
                }
                nextRange = following;
            }
        } catch (LDAPException e) {
            throw new RangeRetrievalException(entry.getDN(), e);
        }
        return values;
    }

    /** For {@code member;range=0-1499} the start of the next range ("1500"); null for the last range. */
    static String nextRange(Attribute attribute) {
        for (String option : attribute.getOptions()) {
            String lower = option.toLowerCase(Locale.ROOT);
            if (lower.startsWith("range=")) {
                String end = lower.substring(lower.indexOf('-') + 1);
                return end.equals("*") ? null : Long.toString(Long.parseLong(end) + 1);
            }
        }
        return null;
    }

    /** Failure while fetching further ranges of a large group's members. */
    public static final class RangeRetrievalException extends RuntimeException {
        public RangeRetrievalException(String dn, LDAPException cause) {
            super("reading the members of " + dn + " failed: " + cause.getMessage(), cause);
        }
    }

    /** The normalized form of a DN, for comparisons (case, spacing and escaping differences removed). */
    public static String normalize(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.trim().toLowerCase(Locale.ROOT);
        }
    }

    private String normalizeCached(String dn) {
        String norm = normalized.get(dn);
        if (norm == null) {
            norm = normalize(dn);
            normalized.put(dn, norm);
        }
        return norm;
    }

    private List<String> normalizeAllCached(List<String> dns) {
        if (dns.isEmpty()) {
            return List.of();
        }
        String[] result = new String[dns.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = normalizeCached(dns.get(i));
        }
        return List.of(result);
    }

    /** objectGUID in its usual text form (first three groups little-endian), lower case. */
    public static String adGuid(byte[] b) {
        if (b == null || b.length != 16) {
            return null;
        }
        HexFormat hex = HexFormat.of();
        return hex.formatHex(new byte[] {b[3], b[2], b[1], b[0]})
                + "-" + hex.formatHex(new byte[] {b[5], b[4]})
                + "-" + hex.formatHex(new byte[] {b[7], b[6]})
                + "-" + hex.formatHex(b, 8, 10)
                + "-" + hex.formatHex(b, 10, 16);
    }

    /** The relative id (last sub-authority) of a binary objectSid. */
    public static Integer rid(byte[] sid) {
        if (sid == null || sid.length < 12) {
            return null;
        }
        int count = sid[1] & 0xff;
        int offset = 8 + 4 * (count - 1);
        if (count == 0 || sid.length < offset + 4) {
            return null;
        }
        return (sid[offset] & 0xff)
                | (sid[offset + 1] & 0xff) << 8
                | (sid[offset + 2] & 0xff) << 16
                | (sid[offset + 3] & 0xff) << 24;
    }

    private static Integer intValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            return (int) Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant time(String generalized) {
        if (generalized == null) {
            return null;
        }
        try {
            return StaticUtils.decodeGeneralizedTime(generalized).toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    private static String stripDollar(String sam) {
        return sam.endsWith("$") ? sam.substring(0, sam.length() - 1) : sam;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
