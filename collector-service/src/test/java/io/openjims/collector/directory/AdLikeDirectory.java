package io.openjims.collector.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.StaticUtils;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A real LDAP server (UnboundID in-memory) that behaves like Active Directory where the sync cares: objectGUID
 * (binary, little-endian groups), objectSid with RIDs, sAMAccountName, userPrincipalName, userAccountControl, a
 * uSNChanged counter raised on every change of an entry (adding a member raises the GROUP's, not the member's),
 * memberOf kept on members, primaryGroupID, and deletion that moves the entry to CN=Deleted Objects as a tombstone
 * (isDeleted=TRUE) readable with the show-deleted control, which it accepts.
 */
public final class AdLikeDirectory implements AutoCloseable {

    public static final String BIND_DN = "CN=svc-openjims,CN=Users,DC=ad,DC=test";
    public static final String BIND_PASSWORD = "S3rvice!pass";
    public static final String BASE = "DC=ad,DC=test";
    public static final String USERS = "CN=Users," + BASE;
    public static final String COMPUTERS = "CN=Computers," + BASE;
    public static final String DELETED = "CN=Deleted Objects," + BASE;

    static final String SCHEMA = """
            dn: cn=schema
            objectClass: top
            objectClass: ldapSubentry
            objectClass: subschema
            attributeTypes: ( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.146 NAME 'objectSid' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.2.120 NAME 'uSNChanged' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.2.19 NAME 'uSNCreated' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.2.3 NAME 'whenChanged' EQUALITY generalizedTimeMatch ORDERING generalizedTimeOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.24 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.2.102 NAME 'memberOf' EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )
            attributeTypes: ( 1.2.840.113556.1.2.48 NAME 'isDeleted' EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.98 NAME 'primaryGroupID' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
            attributeTypes: ( 1.2.840.113556.1.4.363 NAME 'operatingSystem' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
            objectClasses: ( 1.2.840.113556.1.3.23 NAME 'container' SUP top STRUCTURAL MUST cn MAY ( objectGUID $ uSNChanged $ uSNCreated $ whenChanged $ isDeleted $ description ) )
            objectClasses: ( 1.2.840.113556.1.5.9 NAME 'user' SUP top STRUCTURAL MUST cn MAY ( objectGUID $ objectSid $ sAMAccountName $ userPrincipalName $ userAccountControl $ uSNChanged $ uSNCreated $ whenChanged $ memberOf $ isDeleted $ primaryGroupID $ displayName $ mail $ sn $ givenName $ description ) )
            objectClasses: ( 1.2.840.113556.1.3.30 NAME 'computer' SUP user STRUCTURAL MAY ( operatingSystem ) )
            objectClasses: ( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MUST cn MAY ( member $ objectGUID $ objectSid $ sAMAccountName $ uSNChanged $ uSNCreated $ whenChanged $ memberOf $ isDeleted $ description ) )
            """;

    private final InMemoryDirectoryServer server;
    private final AtomicLong usn = new AtomicLong(12000);
    private final Map<String, UUID> guids = new ConcurrentHashMap<>();
    private final AtomicLong showDeletedSeen = new AtomicLong();

    private AdLikeDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    public static AdLikeDirectory start() throws Exception {
        return start(null);
    }

    /** Starts the server on a free loopback port; with a socket factory it listens for LDAPS instead of LDAP. */
    public static AdLikeDirectory start(SSLServerSocketFactory ldaps) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(schema());
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(
                ldaps == null
                        ? InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, null)
                        : InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, ldaps, null));
        AdLikeDirectory[] self = new AdLikeDirectory[1];
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                // Active Directory honours the show-deleted control; the in-memory server does not know it.
                if (request.getRequest().hasControl("1.2.840.113556.1.4.417")) {
                    self[0].showDeletedSeen.incrementAndGet();
                    SearchRequest copy = request.getRequest().duplicate();
                    List<Control> kept = new ArrayList<>();
                    for (Control c : copy.getControls()) {
                        if (!c.getOID().equals("1.2.840.113556.1.4.417")) {
                            kept.add(c);
                        }
                    }
                    copy.setControls(kept);
                    request.setRequest(copy);
                }
            }
        });
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: ad");
        AdLikeDirectory directory = new AdLikeDirectory(server);
        self[0] = directory;
        directory.container(USERS);
        directory.container(COMPUTERS);
        directory.container(DELETED);
        server.startListening();
        return directory;
    }

    private static Schema schema() throws Exception {
        Entry entry = new LDIFReader(new ByteArrayInputStream(SCHEMA.getBytes(StandardCharsets.UTF_8))).readEntry();
        return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), new Schema(entry));
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    public int port() {
        return server.getListenPort();
    }

    public String ldapUrl() {
        return "ldap://127.0.0.1:" + port();
    }

    /** How many searches carried the show-deleted control. */
    public long showDeletedSearches() {
        return showDeletedSeen.get();
    }

    private void container(String dn) throws LDAPException {
        server.add(new Entry(
                dn,
                new Attribute("objectClass", "top", "container"),
                new Attribute("cn", new DN(dn).getRDN().getAttributeValues()[0])));
    }

    private List<Attribute> stamp(List<Attribute> attributes, String dn) {
        UUID guid = UUID.randomUUID();
        guids.put(norm(dn), guid);
        long n = usn.incrementAndGet();
        attributes.add(new Attribute("objectGUID", adBytes(guid)));
        attributes.add(new Attribute("uSNCreated", Long.toString(n)));
        attributes.add(new Attribute("uSNChanged", Long.toString(n)));
        attributes.add(new Attribute("whenChanged", StaticUtils.encodeGeneralizedTime(new Date())));
        return attributes;
    }

    public String addUser(String cn, String sam) throws LDAPException {
        return addUser(cn, sam, USERS);
    }

    public String addUser(String cn, String sam, String container) throws LDAPException {
        String dn = new DN(new RDN("CN", cn), new DN(container)).toString();
        List<Attribute> a = new ArrayList<>();
        a.add(new Attribute("objectClass", "top", "user"));
        a.add(new Attribute("cn", cn));
        a.add(new Attribute("sAMAccountName", sam));
        a.add(new Attribute("userPrincipalName", sam + "@ad.test"));
        a.add(new Attribute("displayName", cn));
        a.add(new Attribute("userAccountControl", "512"));
        a.add(new Attribute("primaryGroupID", "513"));
        server.add(new Entry(dn, stamp(a, dn)));
        return dn;
    }

    public String addGroup(String name, int rid) throws LDAPException {
        String dn = new DN(new RDN("CN", name), new DN(USERS)).toString();
        List<Attribute> a = new ArrayList<>();
        a.add(new Attribute("objectClass", "top", "group"));
        a.add(new Attribute("cn", name));
        a.add(new Attribute("sAMAccountName", name));
        a.add(new Attribute("objectSid", sid(rid)));
        server.add(new Entry(dn, stamp(a, dn)));
        return dn;
    }

    public String addComputer(String name, String os) throws LDAPException {
        String dn = new DN(new RDN("CN", name), new DN(COMPUTERS)).toString();
        List<Attribute> a = new ArrayList<>();
        a.add(new Attribute("objectClass", "top", "user", "computer"));
        a.add(new Attribute("cn", name));
        a.add(new Attribute("sAMAccountName", name + "$"));
        a.add(new Attribute("userAccountControl", "4096"));
        a.add(new Attribute("primaryGroupID", "515"));
        a.add(new Attribute("operatingSystem", os));
        server.add(new Entry(dn, stamp(a, dn)));
        return dn;
    }

    /** Adds a member: the group's uSNChanged rises; the member's memberOf changes but its uSNChanged does not. */
    public void addMember(String groupDn, String memberDn) throws LDAPException {
        change(groupDn, new Modification(ModificationType.ADD, "member", memberDn));
        server.modify(memberDn, new Modification(ModificationType.ADD, "memberOf", groupDn));
    }

    public void removeMember(String groupDn, String memberDn) throws LDAPException {
        change(groupDn, new Modification(ModificationType.DELETE, "member", memberDn));
        server.modify(memberDn, new Modification(ModificationType.DELETE, "memberOf", groupDn));
    }

    public void setDisabled(String userDn, boolean disabled) throws LDAPException {
        change(userDn, new Modification(ModificationType.REPLACE, "userAccountControl", disabled ? "514" : "512"));
    }

    /** Changes attributes of an entry and raises its uSNChanged, as every originating write in AD does. */
    public void change(String dn, Modification... modifications) throws LDAPException {
        List<Modification> all = new ArrayList<>(List.of(modifications));
        all.add(new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
        all.add(new Modification(
                ModificationType.REPLACE, "whenChanged", StaticUtils.encodeGeneralizedTime(new Date())));
        server.modify(dn, all);
    }

    /**
     * Deletes like AD: links to the object disappear from groups without raising the groups' uSNChanged, and the
     * object becomes a tombstone in CN=Deleted Objects with isDeleted=TRUE and a new uSNChanged.
     */
    public void delete(String dn) throws LDAPException {
        Entry entry = server.getEntry(dn);
        String[] memberOf = entry.getAttributeValues("memberOf");
        if (memberOf != null) {
            for (String group : memberOf) {
                server.modify(group, new Modification(ModificationType.DELETE, "member", dn));
            }
        }
        UUID guid = guids.remove(norm(dn));
        String cn = entry.getAttributeValue("cn");
        String tombstoneRdn = new RDN("CN", cn + " DEL:" + guid).toString();
        server.modifyDN(dn, tombstoneRdn, true, DELETED);
        String tombstone = tombstoneRdn + "," + DELETED;
        List<Modification> mods = new ArrayList<>();
        mods.add(new Modification(ModificationType.REPLACE, "isDeleted", "TRUE"));
        if (memberOf != null) {
            mods.add(new Modification(ModificationType.DELETE, "memberOf"));
        }
        change(tombstone, mods.toArray(Modification[]::new));
    }

    /** Removes the entry without a tombstone (only a full reconciliation notices). */
    public void purge(String dn) throws LDAPException {
        guids.remove(norm(dn));
        server.delete(dn);
    }

    /** The objectGUID of an entry in its text form, as the generator created it. */
    public String guid(String dn) {
        return guids.get(norm(dn)).toString();
    }

    private static String norm(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** objectGUID bytes: the first three fields little-endian, the rest as is. */
    static byte[] adBytes(UUID uuid) {
        ByteBuffer big =
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] b = big.array();
        return new byte[] {
            b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
        };
    }

    /** S-1-5-21-1111-2222-3333-rid in binary form. */
    static byte[] sid(int rid) {
        ByteBuffer sid = ByteBuffer.allocate(8 + 4 * 5).order(ByteOrder.LITTLE_ENDIAN);
        sid.put((byte) 1).put((byte) 5).put(new byte[] {0, 0, 0, 0, 0, 5});
        sid.putInt(21).putInt(1111).putInt(2222).putInt(3333).putInt(rid);
        return sid.array();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
