package io.openjims.collector.directory;

import static io.openjims.collector.directory.DirectoryTestSupport.adBody;
import static io.openjims.collector.directory.DirectoryTestSupport.create;
import static io.openjims.collector.directory.DirectoryTestSupport.delete;
import static io.openjims.collector.directory.DirectoryTestSupport.status;
import static io.openjims.collector.directory.DirectoryTestSupport.syncNow;
import static io.openjims.collector.directory.DirectoryTestSupport.withOwnNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openjims.collector.directory.service.DirectorySyncService;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.CollectorState;
import io.openjims.model.DirectoryObject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Directory sync end to end: a real LDAP server with Active Directory's behaviour (UnboundID in-memory, AD schema),
 * the admin API, the real Kafka topic and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectorySyncTest {

    @Inject
    SourceHealth health;

    @Inject
    DirectorySyncService sync;

    @Inject
    AgroalDataSource ds;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        directories.forEach(DirectoryTestSupport::delete);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.failures().keySet().stream().noneMatch(s -> s.startsWith("directory:")));
    }

    /** Groups Sales in Staff in Everyone; a two-group cycle; a computer; an excluded service account. */
    private static final class Seed {
        String sales;
        String staff;
        String everyone;
        String domainUsers;
        String laptops;
        String loop1;
        String loop2;
        String alice;
        String bob;
        String carol;
        String dave;
        String pc;
    }

    private Seed seed(AdLikeDirectory ad) throws Exception {
        Seed s = new Seed();
        s.domainUsers = ad.addGroup("Domain Users", 513);
        ad.addGroup("Domain Computers", 515);
        s.everyone = ad.addGroup("Everyone-All", 1100);
        s.staff = ad.addGroup("Staff", 1101);
        s.sales = ad.addGroup("Sales", 1102);
        s.laptops = ad.addGroup("Laptops", 1103);
        s.loop1 = ad.addGroup("Loop1", 1104);
        s.loop2 = ad.addGroup("Loop2", 1105);
        ad.addMember(s.everyone, s.staff);
        ad.addMember(s.staff, s.sales);
        ad.addMember(s.loop1, s.loop2);
        ad.addMember(s.loop2, s.loop1);
        // Real AD: the DN carries the CN (display name), not the login name.
        s.alice = ad.addUser("Alice Anderson", "alice");
        s.bob = ad.addUser("Bob Brown", "bob");
        s.carol = ad.addUser("Carol (R&D), \"Berlin\"", "carol");
        s.dave = ad.addUser("Dave Dunn", "dave");
        ad.addUser("svc backup", "svc-backup");
        ad.addMember(s.sales, s.alice);
        ad.addMember(s.staff, s.bob);
        ad.addMember(s.loop1, s.dave);
        s.pc = ad.addComputer("PC-42", "Windows 11 Enterprise");
        ad.addMember(s.laptops, s.pc);
        return s;
    }

    private static String domain() {
        return "ad" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private DirectoryTopic topic(String domain) {
        DirectoryTopic topic = new DirectoryTopic(domain);
        cleanup.add(topic);
        return topic;
    }

    private AdLikeDirectory server() throws Exception {
        AdLikeDirectory ad = AdLikeDirectory.start();
        cleanup.add(ad);
        return ad;
    }

    private String directory(Map<String, Object> body) {
        String id = create(body);
        directories.add(id);
        return id;
    }

    private static DirectoryObject published(DirectoryTopic topic, String kind, String name) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.byName(kind, name), Optional::isPresent)
                .get();
    }

    @Test
    void firstSyncPublishesEveryUserGroupAndComputerWithNestedMembershipResolved() throws Exception {
        AdLikeDirectory ad = server();
        Seed s = seed(ad);
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        Map<String, Object> body = adBody("first-" + domain, ad.ldapUrl(), domain);
        body.put("exclude_dn_patterns", List.of("^CN=svc "));
        String id = directory(body);

        DirectoryObject alice = published(topic, "user", "alice");
        assertThat(alice.key()).isEqualTo(domain + "/user/" + ad.guid(s.alice));
        assertThat(alice.guid()).isEqualTo(ad.guid(s.alice));
        assertThat(alice.dn()).isEqualTo("CN=Alice Anderson,CN=Users,DC=ad,DC=test");
        assertThat(alice.upn()).isEqualTo("alice@ad.test");
        assertThat(alice.displayName()).isEqualTo("Alice Anderson");
        assertThat(alice.disabled()).isFalse();
        assertThat(alice.memberOf()).containsExactlyInAnyOrder(s.sales, s.domainUsers);
        assertThat(alice.groups()).containsExactly("Domain Users", "Everyone-All", "Sales", "Staff");
        assertThat(alice.changeMarker()).isNotBlank();

        assertThat(published(topic, "user", "bob").groups()).containsExactly("Domain Users", "Everyone-All", "Staff");
        assertThat(published(topic, "user", "carol").dn()).isEqualTo(s.carol);
        assertThat(published(topic, "user", "dave").groups()).containsExactly("Domain Users", "Loop1", "Loop2");
        DirectoryObject loop1 = published(topic, "group", "Loop1");
        assertThat(loop1.groups()).containsExactly("Loop2");
        DirectoryObject sales = published(topic, "group", "Sales");
        assertThat(sales.memberOf()).containsExactly(s.staff);
        assertThat(sales.groups()).containsExactly("Everyone-All", "Staff");
        DirectoryObject pc = published(topic, "device", "PC-42");
        assertThat(pc.os()).isEqualTo("Windows 11 Enterprise");
        assertThat(pc.groups()).containsExactly("Domain Computers", "Laptops");
        DirectoryObject domainObject = published(topic, "domain", domain);
        assertThat(domainObject.aliases()).containsExactly("ad.test", "ADTEST");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).get("last_successful_sync") != null);
        Map<String, Object> status = status(id);
        assertThat(status.get("users")).isEqualTo(4);
        assertThat(status.get("groups")).isEqualTo(8);
        assertThat(status.get("devices")).isEqualTo(1);
        assertThat(status.get("last_error")).isNull();
        assertThat(topic.byName("user", "svc-backup")).isEmpty();
        // 4 users + 8 groups + 1 computer + the domain, each once.
        await().atMost(Duration.ofSeconds(5)).until(() -> topic.size() == 14);
    }

    @Test
    void changesShowUpWithinOnePollAndUnchangedObjectsAreNotRepublished() throws Exception {
        AdLikeDirectory ad = server();
        Seed s = seed(ad);
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        String id = directory(adBody("changes-" + domain, ad.ldapUrl(), domain));
        published(topic, "user", "dave");
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.size() == 15);

        // A poll without changes publishes nothing.
        Object before = status(id).get("last_successful_sync");
        syncNow(id);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !status(id).get("last_successful_sync").equals(before));
        assertThat(topic.size()).isEqualTo(15);
        int mark = topic.size();

        // Changes: bob joins Sales (only the group's uSNChanged rises), a new group with erin is nested into Staff,
        // carol is disabled, alice is deleted. Nobody asks for a sync: the next scheduled poll (10 s) must see it.
        ad.addMember(s.sales, s.bob);
        String managers = ad.addGroup("Managers", 1200);
        String erin = ad.addUser("Erin Evans", "erin");
        ad.addMember(managers, erin);
        ad.addMember(s.staff, managers);
        ad.setDisabled(s.carol, true);
        String aliceKey = domain + "/user/" + ad.guid(s.alice);
        ad.delete(s.alice);

        await().atMost(Duration.ofSeconds(16)).untilAsserted(() -> {
            assertThat(topic.byName("user", "bob").orElseThrow().groups())
                    .containsExactly("Domain Users", "Everyone-All", "Sales", "Staff");
            assertThat(topic.byName("user", "erin").orElseThrow().groups())
                    .containsExactly("Domain Users", "Everyone-All", "Managers", "Staff");
            assertThat(topic.byName("user", "carol").orElseThrow().disabled()).isTrue();
            assertThat(topic.current()).doesNotContainKey(aliceKey);
        });
        List<DirectoryTopic.Rec> changed = topic.since(mark);
        assertThat(changed.stream().filter(r -> r.key().equals(aliceKey)).toList())
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isNull());
        // Sales' own content (member_of, groups) did not change; Staff's neither. Dave, the computer and the domain
        // were untouched: none of them is published again.
        List<String> names = changed.stream()
                .filter(r -> r.value() != null)
                .map(r -> r.value().kind().wireName() + ":" + r.value().name())
                .toList();
        assertThat(names).containsExactlyInAnyOrder("user:bob", "group:Managers", "user:erin", "user:carol");
        assertThat(ad.showDeletedSearches()).isPositive();
    }

    /**
     * Replicas share the database: only the holder of a directory's lease syncs it. Here "another replica" takes the
     * lease (a row written as it would): this replica stops syncing, a sync asked for on it waits for the holder; when
     * the other's lease expires (it died), this replica takes over and syncs at once.
     */
    @Test
    void onlyTheLeaseHolderSyncsAndAReplicaTakesOverWhenTheHoldersLeaseExpires() throws Exception {
        AdLikeDirectory ad = server();
        seed(ad);
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        String id = directory(adBody("lease-" + domain, ad.ldapUrl(), domain));
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.current().size() == 15);
        assertThat(leaseHolder(id)).isEqualTo(sync.holder());

        execute("UPDATE collector.directory_lease SET holder = 'other-replica', expires_at = now() + interval '1 hour'"
                + " WHERE directory_id = '" + id + "'");
        Object before = status(id).get("last_successful_sync");
        syncNow(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> syncRequests(id) > 0);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> status(id).get("last_successful_sync").equals(before));
        assertThat(leaseHolder(id)).isEqualTo("other-replica");

        // The other replica died: its lease runs out and this one takes the directory over.
        execute("UPDATE collector.directory_lease SET expires_at = now() - interval '1 second'"
                + " WHERE directory_id = '" + id + "'");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !status(id).get("last_successful_sync").equals(before));
        assertThat(leaseHolder(id)).isEqualTo(sync.holder());
        assertThat(topic.current()).hasSize(15);
    }

    private String leaseHolder(String id) throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT holder FROM collector.directory_lease WHERE directory_id = '" + id + "'")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private long syncRequests(String id) throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT sync_requests FROM collector.directory_lease WHERE directory_id = '" + id + "'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void aDirectoryRemovedFromConfigurationTombstonesItsObjects() throws Exception {
        AdLikeDirectory ad = server();
        seed(ad);
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        String id = directory(adBody("removed-" + domain, ad.ldapUrl(), domain));
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.current().size() == 15);

        delete(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> topic.current().isEmpty());
        assertThat(topic.records().stream().filter(r -> r.value() == null).count())
                .isEqualTo(15);
    }

    @Test
    void anUnreachableDirectoryOrARejectedBindDoesNotStopTheOthers() throws Exception {
        AdLikeDirectory ad = server();
        seed(ad);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        String down =
                directory(withOwnNames(adBody("down-" + domain, "ldap://127.0.0.1:" + closedPort, "down-" + domain)));
        Map<String, Object> wrong = withOwnNames(adBody("wrongpw-" + domain, ad.ldapUrl(), "wrong-" + domain));
        wrong.put("bind_password", "not-the-password");
        String rejected = directory(wrong);
        directory(adBody("good-" + domain, ad.ldapUrl(), domain));

        published(topic, "user", "alice");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat((String) status(down).get("last_error")).contains("cannot connect to 127.0.0.1:" + closedPort);
            assertThat((String) status(rejected).get("last_error"))
                    .contains("invalid credentials")
                    .doesNotContain("not-the-password");
        });
        assertThat(status(down).get("last_successful_sync")).isNull();
        assertThat(health.state()).isEqualTo(CollectorState.DEGRADED);
        assertThat(health.failures()).containsKeys("directory:down-" + domain, "directory:wrongpw-" + domain);

        delete(down);
        delete(rejected);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.failures().keySet().stream().noneMatch(k -> k.startsWith("directory:")));
    }

    @Test
    void ldapsWithAPrivateCaWorksAndAWrongCaGivesAClearStatus() throws Exception {
        TestCertificates certs = TestCertificates.create();
        AdLikeDirectory ad = AdLikeDirectory.start(certs.serverSocketFactory());
        cleanup.add(ad);
        seed(ad);
        String domain = domain();
        DirectoryTopic topic = topic(domain);
        Map<String, Object> good = adBody("ldaps-" + domain, "ldaps://localhost:" + ad.port(), domain);
        good.put("ca_pem", certs.caPem);
        String goodId = directory(good);
        Map<String, Object> wrongCa =
                withOwnNames(adBody("wrongca-" + domain, "ldaps://localhost:" + ad.port(), "x" + domain));
        wrongCa.put("ca_pem", certs.otherCaPem);
        String wrongId = directory(wrongCa);

        assertThat(published(topic, "user", "alice").groups()).contains("Sales", "Staff");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat((String) status(wrongId).get("last_error"))
                        .contains("TLS handshake")
                        .contains("not trusted"));
        assertThat(status(goodId).get("last_error")).isNull();
    }
}
