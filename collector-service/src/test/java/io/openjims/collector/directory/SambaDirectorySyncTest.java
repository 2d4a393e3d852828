package io.openjims.collector.directory;

import static io.openjims.collector.directory.DirectoryTestSupport.create;
import static io.openjims.collector.directory.DirectoryTestSupport.status;
import static io.openjims.collector.directory.DirectoryTestSupport.syncNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.DirectoryObject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a REAL Active Directory: a Samba 4 AD DC provisioned into a private folder and started on loopback
 * (ports 389/636 of 127.0.0.1) by this test. Needs the Debian packages samba and samba-ad-provision (listed in
 * .ci/packages.txt, so CI installs them); without them the test is skipped with that message.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SambaDirectorySyncTest {

    private static final String REALM = "SAMDOM.OPENJIMS.TEST";
    private static final String DOMAIN = "samdom.openjims.test";
    private static final String BASE = "DC=samdom,DC=openjims,DC=test";
    private static final String USERS = "CN=Users," + BASE;
    private static final String ADMIN_DN = "CN=Administrator," + USERS;
    private static final String ADMIN_PASSWORD =
            "Adm1n-" + UUID.randomUUID().toString().substring(0, 8) + "!";

    private static Path dir;
    private static Process samba;

    @BeforeAll
    static void startSamba() throws Exception {
        boolean installed = new File("/usr/bin/samba-tool").canExecute() && new File("/usr/sbin/samba").canExecute();
        Assumptions.assumeTrue(
                installed,
                "Samba AD DC not installed: apt-get install samba samba-ad-provision (CI installs them from"
                        + " .ci/packages.txt); skipping the real Active Directory test");
        dir = Files.createTempDirectory("openjims-samba");
        run(List.of(
                "samba-tool",
                "domain",
                "provision",
                "--realm=" + REALM,
                "--domain=SAMDOM",
                "--server-role=dc",
                "--dns-backend=NONE",
                "--adminpass=" + ADMIN_PASSWORD,
                "--targetdir=" + dir,
                "--option=interfaces=lo",
                "--option=bind interfaces only=yes",
                "--option=server services = ldap",
                "--option=log file = " + dir.resolve("samba.log")));
        Path conf = dir.resolve("etc/smb.conf");
        // Simple binds over plain LDAP (the service account in this test); production uses LDAPS or StartTLS.
        Files.writeString(
                conf, Files.readString(conf).replace("[global]", "[global]\n\tldap server require strong auth = no"));
        samba = new ProcessBuilder("samba", "-i", "-M", "single", "-s", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("samba.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", 389, ADMIN_DN, ADMIN_PASSWORD)) {
                return c.getRootDSE() != null;
            }
        });
        seed();
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 3)) + " failed:\n" + out);
        }
    }

    private static LDAPConnection admin() throws Exception {
        return new LDAPConnection("127.0.0.1", 389, ADMIN_DN, ADMIN_PASSWORD);
    }

    private static void seed() throws Exception {
        try (LDAPConnection c = admin()) {
            group(c, "Sales");
            group(c, "Staff");
            group(c, "Everyone-All");
            user(c, "Alice Anderson", "alice");
            user(c, "Bob Brown", "bob");
            user(c, "Carol Clark", "carol");
            user(c, "Dave Dunn", "dave");
            c.add(
                    "dn: CN=PC-42,CN=Computers," + BASE,
                    "objectClass: computer",
                    "sAMAccountName: PC-42$",
                    "userAccountControl: 4096",
                    "operatingSystem: Windows 11 Enterprise");
            member(c, "Everyone-All", "CN=Staff," + USERS);
            member(c, "Staff", "CN=Sales," + USERS);
            member(c, "Sales", "CN=Alice Anderson," + USERS);
            member(c, "Staff", "CN=Bob Brown," + USERS);
            member(c, "Sales", "CN=Dave Dunn," + USERS);
        }
    }

    private static void group(LDAPConnection c, String name) throws Exception {
        c.add("dn: CN=" + name + "," + USERS, "objectClass: group", "sAMAccountName: " + name);
    }

    private static void user(LDAPConnection c, String cn, String sam) throws Exception {
        // 544 = NORMAL_ACCOUNT | PASSWD_NOTREQD: an enabled account without a password.
        c.add(
                "dn: CN=" + cn + "," + USERS,
                "objectClass: user",
                "sAMAccountName: " + sam,
                "userPrincipalName: " + sam + "@" + DOMAIN,
                "displayName: " + cn,
                "userAccountControl: 544");
    }

    private static void member(LDAPConnection c, String group, String memberDn) throws Exception {
        c.modify("CN=" + group + "," + USERS, new Modification(ModificationType.ADD, "member", memberDn));
    }

    @AfterAll
    static void stopSamba() throws Exception {
        if (samba != null) {
            samba.descendants().forEach(ProcessHandle::destroy);
            samba.destroy();
            samba.waitFor(20, TimeUnit.SECONDS);
            samba.descendants().forEach(ProcessHandle::destroyForcibly);
            samba.destroyForcibly();
        }
    }

    @Test
    void syncsARealActiveDirectoryIncludingChangesAndDeletions() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "samba-" + UUID.randomUUID().toString().substring(0, 6));
        body.put("url", "ldap://127.0.0.1:389");
        body.put("bind_dn", ADMIN_DN);
        body.put("bind_password", ADMIN_PASSWORD);
        body.put("base_dn", BASE);
        body.put("domain", DOMAIN);
        body.put("netbios_name", "SAMDOM");
        String id = create(body);
        try (DirectoryTopic topic = new DirectoryTopic(DOMAIN)) {
            DirectoryObject alice = await().atMost(Duration.ofSeconds(60))
                    .until(() -> topic.byName("user", "alice"), o -> o.isPresent())
                    .orElseThrow();
            // A real AD: the DN carries the CN; the primary group (Domain Users) comes from primaryGroupID, and
            // Domain Users is itself a member of BUILTIN\\Users.
            assertThat(alice.dn()).isEqualTo("CN=Alice Anderson," + USERS);
            assertThat(alice.groups())
                    .containsExactlyInAnyOrder("Domain Users", "Users", "Sales", "Staff", "Everyone-All");
            // The first sync is complete once its status says so; then read the topic to its end.
            await().atMost(Duration.ofSeconds(30)).until(() -> status(id).get("last_successful_sync") != null);
            topic.awaitCaughtUp();
            assertThat(topic.byName("device", "PC-42").orElseThrow().os()).isEqualTo("Windows 11 Enterprise");
            assertThat(topic.byName("domain", DOMAIN).orElseThrow().aliases()).containsExactly("SAMDOM");

            // The server's own transitive query agrees with the resolved membership.
            for (String group : List.of("Sales", "Staff", "Everyone-All")) {
                assertThat(usersInGroupAccordingToServer(group)).isEqualTo(usersInGroupAccordingToTopic(topic, group));
            }

            int mark = topic.size();
            String daveKey = topic.byName("user", "dave").orElseThrow().key();
            try (LDAPConnection c = admin()) {
                member(c, "Sales", "CN=Bob Brown," + USERS);
                c.modify(
                        "CN=Carol Clark," + USERS,
                        new Modification(ModificationType.REPLACE, "userAccountControl", "546"));
                c.delete("CN=Dave Dunn," + USERS);
            }
            syncNow(id);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(topic.byName("user", "bob").orElseThrow().groups()).contains("Sales", "Staff");
                assertThat(topic.byName("user", "carol").orElseThrow().disabled())
                        .isTrue();
                assertThat(topic.current()).doesNotContainKey(daveKey);
            });
            // Alice did not change: not published again.
            assertThat(topic.since(mark).stream().filter(r -> r.key().equals(alice.key())))
                    .isEmpty();
            assertThat(status(id).get("last_error")).isNull();
        } finally {
            DirectoryTestSupport.delete(id);
        }
    }

    private static Set<String> usersInGroupAccordingToServer(String group) throws Exception {
        Set<String> names = new TreeSet<>();
        try (LDAPConnection c = admin()) {
            Filter filter = Filter.createANDFilter(
                    Filter.createEqualityFilter("objectClass", "user"),
                    Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")),
                    Filter.createExtensibleMatchFilter(
                            "memberOf", "1.2.840.113556.1.4.1941", false, "CN=" + group + "," + USERS));
            for (SearchResultEntry e :
                    c.search(BASE, SearchScope.SUB, filter, "sAMAccountName").getSearchEntries()) {
                names.add(e.getAttributeValue("sAMAccountName"));
            }
        }
        return names;
    }

    private static Set<String> usersInGroupAccordingToTopic(DirectoryTopic topic, String group) {
        Set<String> names = new TreeSet<>();
        for (DirectoryObject o : topic.current().values()) {
            if (o.kind().wireName().equals("user") && o.groups().contains(group)) {
                names.add(o.name());
            }
        }
        return names;
    }
}
