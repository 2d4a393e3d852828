package io.openjims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.Radclient;
import io.openjims.devinfra.Rsyslog;
import io.openjims.devinfra.local.DemoDirectory;
import io.openjims.devinfra.local.LocalApi;
import io.openjims.devinfra.local.LocalStack;
import io.openjims.devinfra.local.LocalStackOptions;
import io.openjims.devinfra.local.LocalStackOptions.Port;
import io.openjims.devinfra.local.ServiceProcess;
import io.openjims.devinfra.local.SyslogSender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as {@code ./openjims-local} runs it: embedded Kafka and PostgreSQL, collector-service,
 * query-service and push-service as three JVMs over HTTPS. Identity data goes in the way producers send it (syslog
 * over UDP and TCP, an LDAP directory) and comes out the way SRX firewalls and tenants get it (SRX API with a token,
 * HTTPS push with Basic auth).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final String DOMAIN = DemoDirectory.DOMAIN;
    private static final String OTHER_DOMAIN = "branch.example.net";
    private static final Duration FRESHNESS_LIMIT = Duration.ofSeconds(5);
    private static final String TENANT_PASSWORD = "Tenant-Pass-1!";

    private Path data;
    private LocalStack stack;
    private LocalApi api;
    private DemoDirectory directory;
    private String srxToken;
    private Instant started;
    /** A /16 of its own per run, so reruns against kept state never see old entries. */
    private final String net = "10." + ThreadLocalRandom.current().nextInt(100, 200) + ".";

    private final List<Duration> freshness = new ArrayList<>();

    @BeforeAll
    void startTheSystem() throws IOException {
        data = Files.createTempDirectory("openjims-e2e");
        LocalStackOptions options = new LocalStackOptions(Tools.root())
                .freePorts()
                .dataDirectory(data)
                .printBanner(false)
                .readyTimeout(Duration.ofMinutes(3));
        started = Instant.now().minus(1, ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        stack = LocalStack.start(options);
        System.out.printf("[e2e] whole system ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        api = stack.api();
        directory = DemoDirectory.start(0);
    }

    @AfterAll
    void stopTheSystem() throws IOException {
        if (directory != null) {
            directory.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (data != null) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void anSrxClientFromTheAdminApiGetsAToken() {
        assertThat(stack.notes()).isEmpty();
        assertThat(stack.srxClient()).as("the launcher created an SRX client").isPresent();
        LocalStack.Credentials srx = stack.srxClient().orElseThrow();
        srxToken = api.token(stack.uri(Port.QUERY), srx.clientId(), srx.clientSecret());
        assertThat(srxToken).isNotBlank();

        // The SRX client may query but not administer; bad credentials get the contract's error body.
        assertThat(api.get(stack.uri(Port.QUERY).resolve("/api/admin/stats"), srxToken)
                        .status())
                .isEqualTo(403);
        LocalApi.Answer wrong = api.postJson(
                stack.uri(Port.QUERY).resolve(LocalApi.TOKEN_PATH),
                null,
                Map.of("grant_type", "client_credentials", "client_id", srx.clientId(), "client_secret", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    @Order(2)
    void theDirectoryIsSyncedWithNestedGroups() {
        String admin = stack.adminToken();
        URI collector = stack.uri(Port.COLLECTOR);
        LocalApi.Answer created =
                api.postJson(collector.resolve("/api/admin/directories"), admin, directory.registration("e2e"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode status = api.get(collector.resolve("/api/admin/directories/" + id), admin)
                            .json()
                            .path("status");
                    assertThat(status.path("last_successful_sync").isTextual())
                            .as(status.toString())
                            .isTrue();
                    assertThat(status.path("users").asInt()).isEqualTo(DemoDirectory.USERS.size());
                });
    }

    @Test
    @Order(3)
    void syslogLogonsOverUdpAndTcpAreAnsweredWithRoles() {
        String carolIp = net + "1.3";
        String bobIp = net + "1.2";
        Instant sent = Instant.now();
        SyslogSender.udp(
                stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("carol", DOMAIN, carolIp, true)));
        SyslogSender.tcp(
                stack.port(Port.SYSLOG),
                SyslogSender.rfc3164(SyslogSender.keyValue(DemoDirectory.NETBIOS + "\\bob", "", bobIp, true)
                        .replace(" domain= ", " ")));
        // A PAN-OS User-ID XML login, as ClearPass or ISE send it, with an ingest client's API key.
        String daveIp = net + "1.4";
        LocalApi.Answer ingestClient = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/ingest-clients"),
                stack.adminToken(),
                Map.of("name", "e2e-pan-" + net.replace(".", "")));
        assertThat(ingestClient.status()).as(ingestClient.body()).isEqualTo(201);
        String uidMessage = "<uid-message><version>2.0</version><type>update</type><payload><login>"
                + "<entry name=\"" + DemoDirectory.NETBIOS.toLowerCase(java.util.Locale.ROOT) + "\\dave\" ip=\""
                + daveIp + "\" timeout=\"60\"/></login></payload></uid-message>";
        LocalApi.Answer pan = api.postForm(
                stack.uri(Port.COLLECTOR).resolve("/api/"),
                Map.of(
                        "type",
                        "user-id",
                        "key",
                        ingestClient.json().path("api_key").asText(),
                        "cmd",
                        uidMessage));
        assertThat(pan.status()).as(pan.body()).isEqualTo(200);
        assertThat(pan.body()).contains("status=\"success\"").contains("<accepted>1</accepted>");
        awaitInBatch(carolIp, "logon", sent);
        awaitInBatch(daveIp, "logon", sent);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = ipQuery(carolIp);
            assertThat(items).hasSize(1);
            JsonNode item = items.get(0);
            assertThat(item.path("operation").asText()).isEqualTo("logon");
            assertThat(item.path("user").asText()).isEqualTo("carol");
            assertThat(item.path("domain").asText()).isEqualTo(DOMAIN);
            assertThat(item.path("source").asText()).isEqualTo("syslog");
            // carol is in EMEA Sales only; Sales and Domain Users come through nesting and the user entry.
            assertThat(texts(item.path("roles"))).contains("emea sales", "sales", "domain users");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = ipQuery(bobIp);
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("user").asText()).isEqualTo("bob");
            assertThat(items.get(0).path("domain").asText())
                    .as("the NetBIOS name resolves to the directory's DNS name")
                    .isEqualTo(DOMAIN);
            assertThat(texts(items.get(0).path("roles"))).contains("platform", "engineering");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = ipQuery(daveIp);
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("user").asText()).isEqualTo("dave");
            assertThat(items.get(0).path("domain").asText()).isEqualTo(DOMAIN);
            assertThat(texts(items.get(0).path("roles"))).contains("platform", "engineering", "domain users");
        });
    }

    @Test
    @Order(4)
    void batchSyncWithTimestampThenCookieSeesEveryChangeOnce() {
        JsonNode first = batch(Map.of("timestamp", started.toString(), "max_items", 1000));
        List<String> seen = describe(first.path("items"));
        assertThat(seen)
                .contains("logon " + net + "1.3 carol", "logon " + net + "1.2 bob", "logon " + net + "1.4 dave");
        String cookie = drain(first, seen);

        String newIp = net + "2.4";
        Instant sent = Instant.now();
        SyslogSender.udp(
                stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("dave", DOMAIN, newIp, true)));
        awaitInBatch(newIp, "logon", sent);

        JsonNode next = batch(Map.of("cookie", cookie, "max_items", 1000));
        List<String> after = describe(next.path("items"));
        assertThat(after)
                .as("resuming with the cookie gives the new change, not the old ones again")
                .contains("logon " + newIp + " dave")
                .doesNotContain("logon " + net + "1.3 carol");
        assertThat(next.path("cookie").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void aLogoffRemovesTheEntry() {
        String ip = net + "3.1";
        Instant sent = Instant.now();
        SyslogSender.udp(
                stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("alice", DOMAIN, ip, true)));
        awaitInBatch(ip, "logon", sent);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(ipQuery(ip)).hasSize(1));

        sent = Instant.now();
        SyslogSender.tcp(
                stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("alice", DOMAIN, ip, false)));
        awaitInBatch(ip, "logoff", sent);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(ipQuery(ip)).isEmpty());
    }

    /**
     * The session lifecycle across real producers: a logon over HTTP JSON ingest (source json) holds its address
     * against a syslog logon of another user within the precedence hold time; a logon of an ignored service account
     * creates no session; the explain call of each address says why.
     */
    /**
     * Roaming with the real FreeRADIUS client: Start of session A on an address, Start of session B (another user) on
     * the same address, then the Stop of A. collector-service sees the Stop names the older session and publishes no
     * logoff; query-service keeps the address mapped to B.
     */
    @Test
    @Order(6)
    void aRadiusStopOfTheOlderSessionAfterRoamingLeavesTheAddressToTheNewerUser() throws Exception {
        String admin = stack.adminToken();
        String secret = "e2e-radius-secret-" + net.replace(".", "");
        LocalApi.Answer nas = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/radius-clients"),
                admin,
                Map.of("name", "e2e-nas", "address", "127.0.0.1", "secret", secret, "domain", DOMAIN));
        assertThat(nas.status()).as(nas.body()).isEqualTo(201);
        String server = "127.0.0.1:" + stack.port(Port.RADIUS);
        String ip = net + "8.1";
        String sessionA = "roam-A-" + net;
        String sessionB = "roam-B-" + net;

        assertThat(Radclient.acct(server, secret, accounting("Start", "anna", sessionA, ip))
                        .answered())
                .isTrue();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(ipQuery(ip).path(0).path("user").asText()).isEqualTo("anna"));
        assertThat(Radclient.acct(server, secret, accounting("Start", "bruno", sessionB, ip))
                        .answered())
                .isTrue();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(ipQuery(ip).path(0).path("user").asText()).isEqualTo("bruno"));

        Radclient.Result stopA = Radclient.acct(server, secret, accounting("Stop", "anna", sessionA, ip));
        assertThat(stopA.answered()).as(stopA.output()).isTrue();
        // An Interim-Update of B after it: events of one address share a partition, so once the view decided the
        // interim, it has seen whatever the Stop of A produced.
        assertThat(Radclient.acct(server, secret, accounting("Interim-Update", "bruno", sessionB, ip))
                        .answered())
                .isTrue();
        URI explain = stack.uri(Port.QUERY).resolve("/api/admin/sessions/" + ip + "/explain");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode why = api.get(explain, admin).json();
            assertThat(why.path("events").size()).as(why.toString()).isGreaterThanOrEqualTo(3);
            assertThat(why.path("events").path(0).path("session_id").asText()).isEqualTo(sessionB);
            assertThat(why.path("events").findValuesAsText("operation")).doesNotContain("logoff");
            assertThat(why.path("active").asBoolean()).isTrue();
            assertThat(why.path("user").asText()).isEqualTo("bruno");
            assertThat(why.path("source").asText()).isEqualTo("radius");
        });
        JsonNode items = ipQuery(ip);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("user").asText()).isEqualTo("bruno");
    }

    private static List<String> accounting(String status, String user, String session, String ip) {
        return List.of(
                "User-Name = \"" + user + "\"",
                "Acct-Status-Type = " + status,
                "Acct-Session-Id = \"" + session + "\"",
                "Framed-IP-Address = " + ip);
    }

    @Test
    @Order(7)
    void aWeakerSourceIsHeldAndAnIgnoredUserGetsNoSessionAndExplainSaysWhy() {
        String admin = stack.adminToken();
        URI query = stack.uri(Port.QUERY);
        String ip = net + "7.1";
        // Dated a few seconds back, so the syslog line's own time (whole seconds) is the newer one.
        Instant jsonTime = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        LocalApi.Answer ingested = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/v1/identity-events"),
                admin,
                List.of(Map.of(
                        "operation",
                        "logon",
                        "ip",
                        ip,
                        "user",
                        "carol",
                        "domain",
                        DOMAIN,
                        "timestamp",
                        jsonTime.toString())));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(202);
        assertThat(ingested.json().path("accepted").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(ipQuery(ip).path(0).path("user").asText()).isEqualTo("carol"));

        SyslogSender.tcp(stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("bob", DOMAIN, ip, true)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode why = api.get(query.resolve("/api/admin/sessions/" + ip + "/explain"), admin)
                    .json();
            JsonNode held = why.path("events").path(0);
            assertThat(held.path("rule").asText()).as(why.toString()).isEqualTo("held");
            assertThat(held.path("user").asText()).isEqualTo("bob");
            assertThat(held.path("source").asText()).isEqualTo("syslog");
            assertThat(held.path("detail").asText()).isEqualTo("held_by_json");
            JsonNode accepted = why.path("events").path(1);
            assertThat(accepted.path("rule").asText()).isEqualTo("accepted");
            assertThat(accepted.path("source").asText()).isEqualTo("json");
            assertThat(accepted.path("collector").asText()).isNotBlank();
            assertThat(why.path("user").asText()).isEqualTo("carol");
        });
        assertThat(ipQuery(ip).path(0).path("user").asText()).isEqualTo("carol");

        LocalApi.Answer rule = api.postJson(
                query.resolve("/api/admin/ignore-rules"),
                admin,
                Map.of("kind", "user", "pattern", "svc-e2e-*", "description", "service accounts"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String ignoredIp = net + "7.2";
        SyslogSender.tcp(
                stack.port(Port.SYSLOG),
                SyslogSender.rfc3164(SyslogSender.keyValue("svc-e2e-backup", DOMAIN, ignoredIp, true)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode why = api.get(query.resolve("/api/admin/sessions/" + ignoredIp + "/explain"), admin)
                    .json();
            assertThat(why.path("events").path(0).path("rule").asText())
                    .as(why.toString())
                    .isEqualTo("ignored");
            assertThat(why.path("events").path(0).path("detail").asText()).isEqualTo("user:svc-e2e-*");
            assertThat(why.path("active").asBoolean()).isFalse();
        });
        assertThat(ipQuery(ignoredIp)).isEmpty();
        assertThat(api.delete(
                                query.resolve("/api/admin/ignore-rules/"
                                        + rule.json().path("id").asText()),
                                admin)
                        .status())
                .isEqualTo(204);
    }

    @Test
    @Order(8)
    void eachTenantReceivesOnlyItsDomains() throws IOException {
        try (TenantReceiver cso = new TenantReceiver(stack.pki().serverContext());
                TenantReceiver edge = new TenantReceiver(stack.pki().serverContext())) {
            createTenant("e2e-cso", "cso", cso, List.of(DOMAIN));
            createTenant("e2e-edge", "secure-edge", edge, List.of(OTHER_DOMAIN));

            String csoIp = net + "4.1";
            String edgeIp = net + "4.2";
            SyslogSender.udp(
                    stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("alice", DOMAIN, csoIp, true)));
            SyslogSender.udp(
                    stack.port(Port.SYSLOG),
                    SyslogSender.rfc3164(SyslogSender.keyValue("erin", OTHER_DOMAIN, edgeIp, true)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sessions(cso)).contains("logon " + csoIp + " alice " + DOMAIN);
                assertThat(sessions(edge)).contains("logon " + edgeIp + " erin " + OTHER_DOMAIN);
            });
            JsonNode alice = cso.items().stream()
                    .filter(i -> i.path("kind").asText().equals("session")
                            && i.path("ip").asText().equals(csoIp))
                    .findFirst()
                    .orElseThrow();
            assertThat(texts(alice.path("roles"))).contains("sales", "domain users");
            assertThat(cso.batches().get(0).path("tenant").asText()).isEqualTo("e2e-cso");

            for (JsonNode item : cso.items()) {
                if (item.has("domain")) {
                    assertThat(item.path("domain").asText())
                            .as("CSO tenant item " + item)
                            .isEqualTo(DOMAIN);
                }
            }
            for (JsonNode item : edge.items()) {
                if (item.has("domain")) {
                    assertThat(item.path("domain").asText())
                            .as("Secure Edge tenant item " + item)
                            .isEqualTo(OTHER_DOMAIN);
                }
            }
            assertThat(cso.rejectedStatuses())
                    .as("push-service always sent the right credentials")
                    .isEmpty();
        }
    }

    @Test
    @Order(9)
    void statsCountTheDirectoryAndSessions() {
        JsonNode stats = api.get(stack.uri(Port.QUERY).resolve("/api/admin/stats"), stack.adminToken())
                .json();
        assertThat(stats.path("users").asInt()).isGreaterThanOrEqualTo(DemoDirectory.USERS.size());
        assertThat(stats.path("groups").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(stats.path("sessions").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(10)
    void logonsAreVisibleToTheBatchQueryWithinFiveSeconds() {
        for (int i = 1; i <= 5; i++) {
            String ip = net + "5." + i;
            Instant sent = Instant.now();
            SyslogSender.udp(
                    stack.port(Port.SYSLOG), SyslogSender.rfc3164(SyslogSender.keyValue("dave", DOMAIN, ip, true)));
            awaitInBatch(ip, "logon", sent);
        }
        Duration worst = freshness.stream().max(Comparator.naturalOrder()).orElseThrow();
        System.out.printf(
                "[e2e] end-to-end freshness (syslog sent -> visible to the batch query), %d logons: worst %d ms%n",
                freshness.size(), worst.toMillis());
        assertThat(worst).isLessThan(FRESHNESS_LIMIT);
    }

    /**
     * The local stack supervises its services as Kubernetes would, and RELP loses nothing a sender was told was
     * received: a real rsyslog forwards a steady stream of logons over RELP while collector-service is killed with
     * SIGKILL; the supervisor starts it again, it becomes ready by itself, rsyslog resends what was not acknowledged,
     * and every logon reaches the SRX feed.
     */
    @Test
    @Order(11)
    void collectorKilledMidStreamIsRestartedAndRsyslogOverRelpLosesNothing() throws Exception {
        String prefix = net + "6.";
        int batches = 40;
        int perBatch = 5;
        Instant from = Instant.now().minusSeconds(1);
        ServiceProcess before = stack.services().get("collector-service");
        try (Rsyslog rsyslog = Rsyslog.forwardingTo("127.0.0.1", stack.port(Port.RELP))) {
            // A steady sender: one batch every 250 ms.
            java.util.concurrent.ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            CompletableFuture<Void> stream = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            pacer.scheduleAtFixedRate(
                    () -> {
                        int b = sent.getAndIncrement();
                        if (b >= batches) {
                            stream.complete(null);
                            pacer.shutdown();
                            return;
                        }
                        List<String> lines = new ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            int n = b * perBatch + i + 1;
                            lines.add(
                                    SyslogSender.rfc3164(SyslogSender.keyValue("relp" + n, DOMAIN, prefix + n, true)));
                        }
                        try {
                            rsyslog.send(lines);
                        } catch (RuntimeException e) {
                            stream.completeExceptionally(e);
                            pacer.shutdown();
                        }
                    },
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            // Mid-stream: some logons are in, the rest still to come.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> logonsInFeed(prefix, from).size() >= 20);
            ProcessHandle.of(before.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.restarts().getOrDefault("collector-service", 0) == 1);
            ServiceProcess after = stack.services().get("collector-service");
            assertThat(after.pid()).isNotEqualTo(before.pid());
            after.awaitReady(api.httpClient(), Duration.ofMinutes(2));
            assertThat(after.tail(400)).contains("restarted after exit code");
            stream.get(2, TimeUnit.MINUTES);

            java.util.Set<String> expected = new java.util.TreeSet<>();
            for (int n = 1; n <= batches * perBatch; n++) {
                expected.add(prefix + n);
            }
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(logonsInFeed(prefix, from))
                            .as("logons sent through rsyslog over RELP; rsyslog log:%n%s", rsyslog.log())
                            .containsAll(expected));
        }
        assertThat(stack.restarts()).containsEntry("collector-service", 1).doesNotContainKey("query-service");
    }

    /** The addresses under {@code prefix} with a logon in the batch feed since {@code from}. */
    private java.util.Set<String> logonsInFeed(String prefix, Instant from) {
        java.util.Set<String> ips = new java.util.TreeSet<>();
        JsonNode page = batch(Map.of("timestamp", from.toString(), "max_items", 1000));
        while (true) {
            for (JsonNode item : page.path("items")) {
                if (item.path("ip").asText().startsWith(prefix)
                        && item.path("operation").asText().equals("logon")) {
                    ips.add(item.path("ip").asText());
                }
            }
            if (!page.path("more").asBoolean()) {
                return ips;
            }
            page = batch(Map.of("cookie", page.path("cookie").asText(), "max_items", 1000));
        }
    }

    // ---- helpers

    /** Waits until the batch feed (from just before {@code sent}) shows the change, and records how long it took. */
    private void awaitInBatch(String ip, String operation, Instant sent) {
        Instant from = sent.minus(1, ChronoUnit.SECONDS);
        await().atMost(FRESHNESS_LIMIT.plusSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    JsonNode answer = batch(Map.of("timestamp", from.toString(), "max_items", 1000));
                    boolean found = false;
                    for (JsonNode item : answer.path("items")) {
                        found |= item.path("ip").asText().equals(ip)
                                && item.path("operation").asText().equals(operation);
                    }
                    assertThat(found)
                            .as(operation + " of " + ip + " in the batch feed")
                            .isTrue();
                });
        freshness.add(Duration.between(sent, Instant.now()));
    }

    private JsonNode batch(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", "batch");
        body.putAll(fields);
        LocalApi.Answer answer = api.postJson(stack.uri(Port.QUERY).resolve(LocalApi.QUERY_PATH), srxToken, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Follows {@code more} to the end of the change log; returns the last cookie. */
    private String drain(JsonNode answer, List<String> seen) {
        JsonNode current = answer;
        while (current.path("more").asBoolean()) {
            current = batch(Map.of("cookie", current.path("cookie").asText(), "max_items", 1000));
            seen.addAll(describe(current.path("items")));
        }
        return current.path("cookie").asText();
    }

    private JsonNode ipQuery(String ip) {
        LocalApi.Answer answer = api.postJson(
                stack.uri(Port.QUERY).resolve(LocalApi.QUERY_PATH), srxToken, Map.of("query", "ip", "ip", ip));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("items");
    }

    private void createTenant(String name, String kind, TenantReceiver receiver, List<String> domains) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("endpoint", receiver.endpoint());
        body.put("password", TENANT_PASSWORD);
        body.put("domains", domains);
        body.put("ca_pem", stack.pki().caPem());
        LocalApi.Answer answer =
                api.postJson(stack.uri(Port.PUSH).resolve("/api/admin/tenants"), stack.adminToken(), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).doesNotContain(TENANT_PASSWORD);
        receiver.credentials(answer.json().path("username").asText(), TENANT_PASSWORD);
    }

    private static List<String> sessions(TenantReceiver receiver) {
        List<String> sessions = new ArrayList<>();
        for (JsonNode item : receiver.items()) {
            if (item.path("kind").asText().equals("session")) {
                sessions.add(item.path("operation").asText() + " "
                        + item.path("ip").asText() + " " + item.path("user").asText() + " "
                        + item.path("domain").asText());
            }
        }
        return sessions;
    }

    private static List<String> describe(JsonNode items) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : items) {
            result.add(item.path("operation").asText() + " " + item.path("ip").asText() + " "
                    + item.path("user").asText());
        }
        return result;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(node -> result.add(node.asText()));
        return result;
    }
}
