package io.openjims.devinfra.local;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real LDAP directory (UnboundID in-memory server) for the demo and the end-to-end test: domain example.com, a few
 * users and nested groups. Entries carry both Active Directory attributes (sAMAccountName, userPrincipalName,
 * objectGUID, memberOf) and the OpenLDAP ones (uid, inetOrgPerson, groupOfNames/member), so a directory sync of
 * either kind reads them.
 *
 * <p>Membership: Domain Users = everyone; Sales = alice + group EMEA Sales; EMEA Sales = carol; Engineering = group
 * Platform; Platform = bob, dave. So carol's roles are {emea sales, sales, domain users} only through nesting.
 */
public final class DemoDirectory implements AutoCloseable {

    public static final String DOMAIN = "example.com";
    public static final String NETBIOS = "EXAMPLE";
    public static final String BASE_DN = "dc=example,dc=com";
    public static final String BIND_DN = "cn=openjims-reader,ou=service,dc=example,dc=com";
    public static final String BIND_PASSWORD = "Demo-Reader-1";

    /** The demo users (sAMAccountName). */
    public static final List<String> USERS = List.of("alice", "bob", "carol", "dave");

    private final InMemoryDirectoryServer server;

    private DemoDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** Starts the directory on {@code port} of the loopback address (0 for a free port). */
    public static DemoDirectory start(int port) {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            config.setSchema(null); // accept the AD attributes next to the OpenLDAP ones
            config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
            config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            for (Entry entry : entries()) {
                server.add(entry);
            }
            server.startListening();
            return new DemoDirectory(server);
        } catch (LDAPException e) {
            throw new IllegalStateException("Could not start the demo LDAP directory on port " + port + ": " + e, e);
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    /** The body of {@code POST /api/admin/directories} that registers this directory with the collector. */
    public Map<String, Object> registration(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", "ldap"); // a generic LDAP server (inetOrgPerson / groupOfNames / entryUUID), not AD
        body.put("url", url());
        body.put("bind_dn", BIND_DN);
        body.put("bind_password", BIND_PASSWORD);
        body.put("base_dn", BASE_DN);
        body.put("domain", DOMAIN);
        body.put("netbios_name", NETBIOS);
        body.put("poll_interval_seconds", 30);
        return body;
    }

    /** Adds a user to the running directory (used by tests that watch a change arrive). */
    public void addUser(String name, String... groups) {
        try {
            server.add(user(name, groups));
            for (String group : groups) {
                server.modify(
                        groupDn(group),
                        List.of(new com.unboundid.ldap.sdk.Modification(
                                com.unboundid.ldap.sdk.ModificationType.ADD, "member", userDn(name))));
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("Could not add user " + name + ": " + e, e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(
                BASE_DN, new Attribute("objectClass", "top", "domain", "domainDNS"), new Attribute("dc", "example")));
        for (String ou : List.of("people", "groups", "service")) {
            entries.add(new Entry(
                    "ou=" + ou + "," + BASE_DN,
                    new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", ou)));
        }
        entries.add(user("alice", "Domain Users", "Sales"));
        entries.add(user("bob", "Domain Users", "Platform"));
        entries.add(user("carol", "Domain Users", "EMEA Sales"));
        entries.add(user("dave", "Domain Users", "Platform"));
        entries.add(group("Domain Users", List.of(), List.of("alice", "bob", "carol", "dave")));
        entries.add(group("Sales", List.of(), List.of("alice")));
        entries.add(group("EMEA Sales", List.of("Sales"), List.of("carol")));
        entries.add(group("Engineering", List.of(), List.of()));
        entries.add(group("Platform", List.of("Engineering"), List.of("bob", "dave")));
        // Sales contains EMEA Sales; Engineering contains Platform.
        addMember(entries, "Sales", groupDn("EMEA Sales"));
        addMember(entries, "Engineering", groupDn("Platform"));
        return entries;
    }

    private static void addMember(List<Entry> entries, String group, String memberDn) {
        for (Entry entry : entries) {
            if (entry.getDN().equals(groupDn(group))) {
                entry.addAttribute("member", memberDn);
            }
        }
    }

    private static Entry user(String name, String... groups) {
        Entry entry = new Entry(
                userDn(name),
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user"),
                new Attribute("cn", name),
                new Attribute("sn", name),
                new Attribute("uid", name),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@" + DOMAIN),
                new Attribute("mail", name + "@" + DOMAIN),
                new Attribute("objectGUID", guid("user:" + name)));
        for (String group : groups) {
            entry.addAttribute("memberOf", groupDn(group));
        }
        return entry;
    }

    private static Entry group(String name, List<String> memberOf, List<String> users) {
        Entry entry = new Entry(
                groupDn(name),
                new Attribute("objectClass", "top", "groupOfNames", "group"),
                new Attribute("cn", name),
                new Attribute("sAMAccountName", name),
                new Attribute("objectGUID", guid("group:" + name)));
        for (String user : users) {
            entry.addAttribute("member", userDn(user));
        }
        for (String parent : memberOf) {
            entry.addAttribute("memberOf", groupDn(parent));
        }
        return entry;
    }

    private static String userDn(String name) {
        return "cn=" + name + ",ou=people," + BASE_DN;
    }

    private static String groupDn(String name) {
        return "cn=" + name + ",ou=groups," + BASE_DN;
    }

    /** A stable 16-byte objectGUID, as AD stores it (binary). */
    private static byte[] guid(String seed) {
        UUID uuid = UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
