package io.openjims.collector.directory;

import static io.openjims.collector.directory.DirectoryTestSupport.create;
import static io.openjims.collector.directory.DirectoryTestSupport.syncNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.DirectoryObject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A generic LDAP directory (inetOrgPerson, groupOfNames, posixGroup; entryUUID and modifyTimestamp kept by the
 * server): full sync, incremental change by modifyTimestamp, deletion found by reconciliation.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LdapDirectorySyncTest {

    private static final String BASE = "dc=example,dc=org";

    @Test
    void genericLdapWithGroupOfNamesAndPosixGroups() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials("cn=reader," + BASE, "reader-pw");
        // The built-in schema lacks RFC 2307 (posixGroup): run without schema checking.
        config.setSchema(null);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        for (String uid : List.of("ann", "ben", "cho")) {
            server.add(
                    "dn: uid=" + uid + ",ou=people," + BASE,
                    "objectClass: inetOrgPerson",
                    "uid: " + uid,
                    "cn: " + uid.toUpperCase(),
                    "sn: " + uid,
                    "mail: " + uid + "@example.org");
        }
        server.add(
                "dn: cn=devs,ou=groups," + BASE,
                "objectClass: groupOfNames",
                "cn: devs",
                "member: uid=ann,ou=people," + BASE);
        server.add(
                "dn: cn=eng,ou=groups," + BASE,
                "objectClass: groupOfNames",
                "cn: eng",
                "member: cn=devs,ou=groups," + BASE);
        server.add(
                "dn: cn=unix,ou=groups," + BASE,
                "objectClass: posixGroup",
                "cn: unix",
                "gidNumber: 5000",
                "memberUid: ben");
        server.startListening();
        String domain = "ldap" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Map<String, Object> body = new HashMap<>();
        body.put("name", "ldap-" + domain);
        body.put("kind", "ldap");
        body.put("url", "ldap://127.0.0.1:" + server.getListenPort());
        body.put("bind_dn", "cn=reader," + BASE);
        body.put("bind_password", "reader-pw");
        body.put("base_dn", BASE);
        body.put("domain", domain);
        body.put("poll_interval_seconds", 10);
        body.put("full_sync_interval_seconds", 10);
        String id = create(body);
        try (DirectoryTopic topic = new DirectoryTopic(domain)) {
            DirectoryObject ann = published(topic, "ann");
            assertThat(ann.groups()).containsExactly("devs", "eng");
            assertThat(ann.upn()).isEqualTo("ann@example.org");
            assertThat(ann.guid()).matches("[0-9a-f-]{36}");
            assertThat(published(topic, "ben").groups()).containsExactly("unix");
            assertThat(published(topic, "cho").groups()).isEmpty();

            server.modify("cn=unix,ou=groups," + BASE, new Modification(ModificationType.ADD, "memberUid", "cho"));
            server.delete("uid=ann,ou=people," + BASE);
            syncNow(id);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(topic.byName("user", "cho").orElseThrow().groups()).containsExactly("unix");
                assertThat(topic.current()).doesNotContainKey(ann.key());
            });
        } finally {
            DirectoryTestSupport.delete(id);
            server.shutDown(true);
        }
    }

    private static DirectoryObject published(DirectoryTopic topic, String name) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.byName("user", name), Optional::isPresent)
                .orElseThrow();
    }
}
