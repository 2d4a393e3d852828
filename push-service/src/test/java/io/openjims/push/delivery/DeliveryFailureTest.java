package io.openjims.push.delivery;

import static io.openjims.push.support.IdentityProducer.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.push.delivery.service.DeliverySupervisor;
import io.openjims.push.support.AdminClient;
import io.openjims.push.support.IdentityProducer;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.TestReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures on the tenant side: errors and outages lose and reorder nothing; a wrong password or an untrusted
 * certificate shows as {@code failing} with a clear {@code last_error}; a restarted worker resumes where it stopped.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeliveryFailureTest {

    private static final String PASSWORD = "Tenant-Pass1";

    @Inject
    DeliverySupervisor supervisor;

    private static TestPki pki;
    private static IdentityProducer kafka;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create("Failure Test CA");
        kafka = new IdentityProducer();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    private static TestReceiver receiver() {
        return TestReceiver.start(pki.issue("localhost", List.of("localhost", "127.0.0.1"), false), null, null);
    }

    private static String domain() {
        return "f-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    void errorsAndOutagesLoseNothingAndKeepOrder() {
        String domain = domain();
        int ips = 20;
        int versions = 15;
        try (TestReceiver receiver = receiver()) {
            String id = AdminClient.createTenant(
                    "outage-" + domain, "cso", receiver.endpoint(), List.of(domain), PASSWORD, pki.caPem());
            receiver.credentials(AdminClient.username(id), PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.accepted().isEmpty());

            for (int v = 0; v < versions; v++) {
                if (v == 3) {
                    receiver.forceStatus(500);
                }
                if (v == 7) {
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> receiver.attempts().stream().anyMatch(a -> a.status() == 500));
                    receiver.forceStatus(0);
                    receiver.stop();
                }
                for (int i = 0; i < ips; i++) {
                    kafka.session(session("10.2.0." + i, domain, "user-" + v, List.of()));
                }
                if (v == 10) {
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(
                                    () -> assertThat(AdminClient.tenant(id).getString("last_error"))
                                            .contains("connection refused"));
                    assertThat(AdminClient.tenant(id).getString("status")).isEqualTo("failing");
                    assertThat(AdminClient.tenant(id).getLong("lag")).isPositive();
                    receiver.restart();
                }
            }
            // Every version of every address arrives, in order, exactly once among acknowledged batches.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, List<String>> perIp = new LinkedHashMap<>();
                for (JsonNode item : receiver.acceptedItems()) {
                    perIp.computeIfAbsent(item.path("ip").asText(), k -> new ArrayList<>())
                            .add(item.path("user").asText());
                }
                List<String> expected = new ArrayList<>();
                for (int v = 0; v < versions; v++) {
                    expected.add("user-" + v);
                }
                assertThat(perIp).hasSize(ips);
                perIp.values().forEach(users -> assertThat(users).containsExactlyElementsOf(expected));
            });
            // A batch sent again carries the same id and the same items; no acknowledged batch came twice.
            Map<String, JsonNode> itemsById = new HashMap<>();
            for (TestReceiver.Attempt attempt : receiver.attempts()) {
                JsonNode before =
                        itemsById.putIfAbsent(attempt.batchId(), attempt.body().path("items"));
                if (before != null) {
                    assertThat(attempt.body().path("items")).isEqualTo(before);
                }
            }
            assertThat(receiver.attempts().stream().filter(a -> a.status() == 500))
                    .isNotEmpty();
            List<String> acceptedIds = receiver.accepted().stream()
                    .map(TestReceiver.Attempt::batchId)
                    .toList();
            assertThat(acceptedIds).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(id).getString("status"))
                            .isEqualTo("connected"));
            AdminClient.delete(id);
        }
    }

    /**
     * A tenant answering a 1 GiB body, then dripping one, cannot hold or flood its worker: at most 64 KiB of an
     * answer is read and the whole exchange has one deadline (5 s in %test); once the tenant behaves, delivery resumes.
     */
    @Test
    void aTenantAnsweringEndlessBodiesNeitherHoldsNorFloodsItsWorker() {
        String domain = domain();
        kafka.session(session("10.3.9.1", domain, "hugo", List.of("staff")));
        try (TestReceiver receiver = receiver()) {
            String id = AdminClient.createTenant(
                    "huge-" + domain, "cso", receiver.endpoint(), List.of(domain), "Huge-Pass1", pki.caPem());
            receiver.credentials(AdminClient.username(id), "Huge-Pass1");
            receiver.forceStatus(500);
            receiver.hostileBody(1L << 30, 0);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(id).getString("last_error"))
                            .contains("HTTP 500")
                            .contains("xxxx"));
            receiver.forceStatus(0);
            receiver.hostileBody(1L << 30, 100);
            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(id).getString("last_error"))
                            .contains("no complete answer"));
            receiver.hostileBody(0, 0);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                        .contains("session logon " + domain + " 10.3.9.1 hugo [staff]");
                assertThat(AdminClient.tenant(id).getString("status")).isEqualTo("connected");
            });
            AdminClient.delete(id);
        }
    }

    /** Credentials are never sent to a link-local address (cloud metadata) or plain http, whatever was stored. */
    @Test
    void endpointsOnLinkLocalAddressesAreRefusedAtDelivery() {
        String domain = domain();
        kafka.session(session("10.3.9.2", domain, "meta", List.of()));
        String id = AdminClient.createTenant(
                "meta-" + domain, "cso", "https://169.254.169.254/push", List.of(domain), "Meta-Pass1", null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(AdminClient.tenant(id).getString("last_error"))
                        .contains("refused")
                        .contains("link-local"));
        AdminClient.delete(id);
    }

    @Test
    void wrongPasswordShowsTheReceivers401AndFixingItResumes() {
        String domain = domain();
        kafka.session(session("10.3.0.1", domain, "alice", List.of("sales")));
        try (TestReceiver receiver = receiver()) {
            String id = AdminClient.createTenant(
                    "pw-" + domain, "cso", receiver.endpoint(), List.of(domain), "Wrong-Pass1", pki.caPem());
            receiver.credentials(AdminClient.username(id), "Right-Pass1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var tenant = AdminClient.tenant(id);
                assertThat(tenant.getString("status")).isEqualTo("failing");
                assertThat(tenant.getString("last_error")).contains("HTTP 401");
            });
            assertThat(receiver.accepted()).isEmpty();
            AdminClient.changePassword(id, "Right-Pass1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                        .containsExactly("session logon " + domain + " 10.3.0.1 alice [sales]");
                assertThat(AdminClient.tenant(id).getString("status")).isEqualTo("connected");
            });
            AdminClient.delete(id);
        }
    }

    /**
     * CSO issued new credentials: the username and password changed together with {@code PUT .../password} are what
     * the next deliveries carry in HTTP Basic (the receiver accepts exactly that pair, and refuses the old one).
     */
    @Test
    void aUsernameChangedWithThePasswordIsWhatTheTenantReceives() {
        String domain = domain();
        String oldName = "cso-" + UUID.randomUUID().toString().substring(0, 8);
        String newName = "cso-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.session(session("10.3.1.1", domain, "alice", List.of("sales")));
        try (TestReceiver receiver = receiver()) {
            receiver.credentials(oldName, "Old-Pass1!");
            Map<String, Object> body = new HashMap<>();
            body.put("name", "user-" + domain);
            body.put("kind", "cso");
            body.put("endpoint", receiver.endpoint());
            body.put("domains", List.of(domain));
            body.put("password", "Old-Pass1!");
            body.put("ca_pem", pki.caPem());
            body.put("username", oldName);
            String id = AdminClient.createTenant(body);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                            .containsExactly("session logon " + domain + " 10.3.1.1 alice [sales]"));

            // The tenant now only accepts the new pair: the old one is refused until JIMS is told.
            receiver.credentials(newName, "New-Pass2!");
            kafka.session(session("10.3.1.2", domain, "bob", List.of("sales")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var tenant = AdminClient.tenant(id);
                assertThat(tenant.getString("status")).isEqualTo("failing");
                assertThat(tenant.getString("last_error")).contains("HTTP 401");
            });
            AdminClient.changeCredentials(id, newName, "New-Pass2!");
            assertThat(AdminClient.username(id)).isEqualTo(newName);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                        .containsExactly(
                                "session logon " + domain + " 10.3.1.1 alice [sales]",
                                "session logon " + domain + " 10.3.1.2 bob [sales]");
                assertThat(AdminClient.tenant(id).getString("status")).isEqualTo("connected");
            });
            AdminClient.delete(id);
        }
    }

    @Test
    void untrustedOrMismatchedCertificatesAreClearErrors() {
        String domain = domain();
        TestReceiver wrongHost =
                TestReceiver.start(pki.issue("elsewhere", List.of("elsewhere.invalid"), false), null, null);
        try (TestReceiver trusted = receiver();
                wrongHost) {
            // No ca_pem: the system trust store does not know the private CA.
            String untrusted = AdminClient.createTenant(
                    "tls1-" + domain, "cso", trusted.endpoint(), List.of(domain), PASSWORD, null);
            // The private CA is trusted, but the certificate names another host.
            String mismatch = AdminClient.createTenant(
                    "tls2-" + domain, "cso", wrongHost.endpoint(), List.of(domain), PASSWORD, pki.caPem());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var a = AdminClient.tenant(untrusted);
                assertThat(a.getString("status")).isEqualTo("failing");
                assertThat(a.getString("last_error")).contains("TLS certificate verification failed");
                var b = AdminClient.tenant(mismatch);
                assertThat(b.getString("status")).isEqualTo("failing");
                assertThat(b.getString("last_error"))
                        .contains("TLS certificate verification failed")
                        .containsIgnoringCase("localhost");
            });
            assertThat(trusted.attempts()).isEmpty();
            assertThat(wrongHost.attempts()).isEmpty();
            AdminClient.delete(untrusted);
            AdminClient.delete(mismatch);
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() {
        String domain = domain();
        kafka.session(session("10.4.0.1", domain, "alice", List.of()));
        TestPki.Issued client = pki.issue("openjims-push", List.of(), true);
        try (TestReceiver receiver =
                TestReceiver.start(pki.issue("localhost", List.of("localhost"), false), null, null, true)) {
            Map<String, Object> body = new HashMap<>();
            body.put("name", "mtls-" + domain);
            body.put("kind", "cso");
            body.put("endpoint", receiver.endpoint());
            body.put("domains", List.of(domain));
            body.put("password", PASSWORD);
            body.put("ca_pem", pki.caPem());
            body.put("client_cert_pem", client.certPem());
            body.put("client_key_pem", client.keyPem());
            String id = AdminClient.createTenant(body);
            receiver.credentials(AdminClient.username(id), PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !receiver.accepted().isEmpty());
            assertThat(receiver.accepted().get(0).clientSubject()).isEqualTo("CN=openjims-push");
            AdminClient.delete(id);
        }
    }

    @Test
    void aRestartedWorkerResendsThePendingBatchWithTheSameIdAndResumes() {
        String domain = domain();
        kafka.session(session("10.5.0.1", domain, "alice", List.of()));
        try (TestReceiver receiver = receiver()) {
            String id = AdminClient.createTenant(
                    "restart-" + domain, "cso", receiver.endpoint(), List.of(domain), PASSWORD, pki.caPem());
            UUID tenantId = UUID.fromString(id);
            receiver.credentials(AdminClient.username(id), PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().size() == 1);

            // A live batch fails, then the worker restarts (as the service would) while it is unacknowledged.
            receiver.forceStatus(503);
            kafka.session(session("10.5.0.2", domain, "bob", List.of()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.attempts().stream().anyMatch(a -> a.status() == 503));
            String failedId = receiver.attempts().stream()
                    .filter(a -> a.status() == 503)
                    .findFirst()
                    .orElseThrow()
                    .batchId();
            supervisor.restartWorker(tenantId);
            receiver.forceStatus(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().size() == 2);
            assertThat(receiver.accepted().get(1).batchId()).isEqualTo(failedId);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> AdminClient.tenant(id).getLong("delivered_batches") == 2);
            // After another restart only new changes arrive: nothing acknowledged is sent again.
            supervisor.restartWorker(tenantId);
            kafka.session(session("10.5.0.3", domain, "carol", List.of()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().size() == 3);
            assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                    .containsExactly(
                            "session logon " + domain + " 10.5.0.1 alice []",
                            "session logon " + domain + " 10.5.0.2 bob []",
                            "session logon " + domain + " 10.5.0.3 carol []");
            // The receiver answers before the worker records the acknowledgement: wait for it, as above.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(id).getLong("delivered_batches"))
                            .isEqualTo(3));
            AdminClient.delete(id);
        }
    }
}
