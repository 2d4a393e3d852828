package io.openjims.push.delivery;

import static io.openjims.model.DirectoryObjectKind.DEVICE;
import static io.openjims.model.DirectoryObjectKind.DOMAIN;
import static io.openjims.model.DirectoryObjectKind.GROUP;
import static io.openjims.model.DirectoryObjectKind.USER;
import static io.openjims.push.support.IdentityProducer.collector;
import static io.openjims.push.support.IdentityProducer.object;
import static io.openjims.push.support.IdentityProducer.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.DirectoryObject;
import io.openjims.push.support.AdminClient;
import io.openjims.push.support.IdentityProducer;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.TestReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery to real HTTPS receivers with a private CA and Basic auth: each tenant gets exactly its own domains' data,
 * the full state first and after a resync, then live changes within a second.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeliveryTest {

    private static final String PASSWORD = "Tenant-Pass1";

    private static TestPki pki;
    private static IdentityProducer kafka;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create("Delivery Test CA");
        kafka = new IdentityProducer();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    private static TestReceiver receiver() {
        return TestReceiver.start(pki.issue("localhost", List.of("localhost", "127.0.0.1"), false), null, null);
    }

    @Test
    void twoTenantsGetExactlyTheirDomainsFullStateThenLiveChanges() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domainA = "a-" + run + ".test";
        String domainB = "b-" + run + ".test";
        String domainC = "c-" + run + ".test";
        // Existing state of three domains, including things that no longer exist.
        for (String d : List.of(domainA, domainB, domainC)) {
            kafka.directory(object(DOMAIN, d, d, null));
            kafka.directory(object(GROUP, d, "sales", null));
            kafka.directory(object(USER, d, "alice", List.of("sales")));
            kafka.directory(object(DEVICE, d, "PC-1", List.of("laptops")));
            DirectoryObject gone = object(USER, d, "bob", List.of());
            kafka.directory(gone);
            kafka.deleteDirectory(gone);
        }
        kafka.session(session("10.1.0.1", domainA, "alice", List.of("sales")));
        kafka.session(session("10.1.0.2", domainB, "alice", List.of("sales")));
        kafka.session(session("10.1.0.3", domainC, "alice", List.of("sales")));
        kafka.session(session("10.1.0.4", domainA, "carol", List.of()));
        kafka.endSession("10.1.0.4");
        String collectorId = "collector-" + run;
        kafka.collector(collector(collectorId, "dc1 collector", domainB));
        // Collectors of other domains, or naming none, reach no Secure Edge tenant of domain B.
        String otherCollector = "collector-c-" + run;
        kafka.collector(collector(otherCollector, "dc3 collector", domainC));
        String noDomains = "collector-none-" + run;
        kafka.collector(collector(noDomains, "no directories"));

        try (TestReceiver receiverA = receiver();
                TestReceiver receiverB = receiver()) {
            String a = AdminClient.createTenant(
                    "tenant-a-" + run, "cso", receiverA.endpoint(), List.of(domainA), PASSWORD, pki.caPem());
            receiverA.credentials(AdminClient.username(a), PASSWORD);
            String b = AdminClient.createTenant(
                    "tenant-b-" + run, "secure-edge", receiverB.endpoint(), List.of(domainB), PASSWORD, pki.caPem());
            receiverB.credentials(AdminClient.username(b), PASSWORD);

            Set<String> expectedA = Set.of(
                    "group upsert " + domainA + " sales",
                    "user upsert " + domainA + " alice [sales]",
                    "device upsert " + domainA + " PC-1 [laptops]",
                    "session logon " + domainA + " 10.1.0.1 alice [sales]");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(describe(receiverA.acceptedItems()))
                            .containsExactlyInAnyOrderElementsOf(expectedA));
            JsonNode first = receiverA.accepted().get(0).body();
            assertThat(first.path("schema").asInt()).isEqualTo(1);
            assertThat(first.path("tenant").asText()).isEqualTo("tenant-a-" + run);
            assertThat(UUID.fromString(first.path("batch_id").asText())).isNotNull();
            assertThat(Instant.parse(first.path("sent_at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(first.has("stats")).as("CSO tenants get no stats block").isFalse();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> itemsB = describe(receiverB.acceptedItems());
                assertThat(itemsB)
                        .filteredOn(s -> !s.startsWith("collector"))
                        .containsExactlyInAnyOrder(
                                "group upsert " + domainB + " sales",
                                "user upsert " + domainB + " alice [sales]",
                                "device upsert " + domainB + " PC-1 [laptops]",
                                "session logon " + domainB + " 10.1.0.2 alice [sales]");
                assertThat(itemsB).contains("collector " + collectorId + " 1.2.3 running dc1 collector");
                assertThat(itemsB).noneMatch(i -> i.contains(otherCollector) || i.contains(noDomains));
            });
            JsonNode stats = receiverB.accepted().get(0).body().path("stats");
            assertThat(stats.path("domains").asLong()).isEqualTo(1);
            assertThat(stats.path("users").asLong()).isEqualTo(1);
            assertThat(stats.path("groups").asLong()).isEqualTo(1);
            assertThat(stats.path("devices").asLong()).isEqualTo(1);
            assertThat(stats.path("sessions").asLong()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(a).getString("status"))
                            .isEqualTo("connected"));
            assertThat(AdminClient.tenant(a).getString("last_push_at")).isNotNull();

            // Live changes, each within a second of being written.
            int acceptedBefore = receiverA.accepted().size();
            Instant written = Instant.now();
            kafka.session(session("10.1.0.5", domainA, "dave", List.of("ops")));
            kafka.session(session("10.1.0.6", domainB, "erin", List.of()));
            kafka.session(session("10.1.0.7", domainC, "frank", List.of()));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(describe(receiverA.acceptedItems()))
                            .contains("session logon " + domainA + " 10.1.0.5 dave [ops]"));
            Instant arrived = arrival(receiverA, "10.1.0.5");
            assertThat(Duration.between(written, arrived)).isLessThan(Duration.ofSeconds(1));

            kafka.endSession("10.1.0.1");
            DirectoryObject alice = object(USER, domainA, "alice", List.of("sales"));
            kafka.deleteDirectory(alice);
            kafka.directory(object(GROUP, domainA, "ops", null));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(describe(receiverA.acceptedItems()))
                            .contains(
                                    "session logoff " + domainA + " 10.1.0.1",
                                    "user delete " + domainA + " alice",
                                    "group upsert " + domainA + " ops"));
            assertThat(receiverA.accepted().size()).isGreaterThan(acceptedBefore);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(describe(receiverB.acceptedItems()))
                            .contains("session logon " + domainB + " 10.1.0.6 erin []"));

            // Nobody ever got another tenant's domain.
            assertThat(receiverA.acceptedItems())
                    .allSatisfy(i -> assertThat(i.path("domain").asText()).isEqualTo(domainA));
            assertThat(receiverB.acceptedItems())
                    .filteredOn(i -> !i.path("kind").asText().equals("collector"))
                    .allSatisfy(i -> assertThat(i.path("domain").asText()).isEqualTo(domainB));

            // A resync sends the complete current state again.
            int beforeResync = receiverA.accepted().size();
            AdminClient.resync(a);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<TestReceiver.Attempt> after = receiverA
                        .accepted()
                        .subList(beforeResync, receiverA.accepted().size());
                List<String> items = new ArrayList<>();
                after.forEach(x -> x.body().path("items").forEach(i -> items.add(describe(i))));
                assertThat(items)
                        .containsExactlyInAnyOrder(
                                "group upsert " + domainA + " sales",
                                "group upsert " + domainA + " ops",
                                "device upsert " + domainA + " PC-1 [laptops]",
                                "session logon " + domainA + " 10.1.0.5 dave [ops]");
            });
            AdminClient.delete(a);
            AdminClient.delete(b);
        }
    }

    private static Instant arrival(TestReceiver receiver, String ip) {
        for (TestReceiver.Attempt attempt : receiver.accepted()) {
            for (JsonNode item : attempt.body().path("items")) {
                if (ip.equals(item.path("ip").asText())) {
                    return attempt.at();
                }
            }
        }
        throw new AssertionError("no item for " + ip);
    }

    static List<String> describe(List<JsonNode> items) {
        return items.stream().map(DeliveryTest::describe).toList();
    }

    static String describe(JsonNode i) {
        String kind = i.path("kind").asText();
        return switch (kind) {
            case "session" ->
                "session " + i.path("operation").asText() + " "
                        + i.path("domain").asText() + " "
                        + i.path("ip").asText()
                        + (i.has("user") ? " " + i.path("user").asText() + " " + list(i.path("roles")) : "");
            case "collector" ->
                "collector " + i.path("id").asText() + " " + i.path("version").asText() + " "
                        + i.path("state").asText() + " " + i.path("description").asText();
            default ->
                kind + " " + i.path("operation").asText() + " "
                        + i.path("domain").asText() + " " + i.path("name").asText()
                        + (i.has("groups") ? " " + list(i.path("groups")) : "");
        };
    }

    private static String list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toString().replace(", ", ",");
    }

    static Set<String> batchIds(List<TestReceiver.Attempt> attempts) {
        Set<String> out = new HashSet<>();
        attempts.forEach(a -> out.add(a.batchId()));
        return out;
    }
}
