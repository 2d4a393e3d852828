package io.openjims.query.batch;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.logoff;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.query.batch.service.CookieCodec;
import io.openjims.query.relay.service.SessionRelay;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.openjims.query.view.service.RetentionService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The SRX query API driven like an SRX: token, batch with timestamp then cookies, IP and user queries. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SrxQueryApiTest {

    static final String PATH = "/api/user_query/v2";

    @Inject
    AgroalDataSource ds;

    @Inject
    CookieCodec cookies;

    @Inject
    RetentionService retention;

    @Inject
    SessionRelay relay;

    private static JsonPath post(String token, Object body, int status) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> batch(Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", "batch");
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        return m;
    }

    /**
     * An SRX starts with a timestamp, then follows cookies with max_items 100 while events keep arriving, and must
     * see every logon and logoff exactly once and, per address, in order.
     */
    @Test
    void anSrxFollowingCookiesSeesEveryChangeOnceAndInOrder() throws Exception {
        String token = token("srx-sync", "srx");
        String domain = "sync.example";
        Map<String, Object> filter = Map.of("domains", List.of(domain));
        int ips = 40;
        int perIp = 30;
        Instant t0 = now().minusSeconds(120);
        List<IdentityEvent> stream = new ArrayList<>();
        Map<String, List<String>> expected = new HashMap<>();
        for (int k = 0; k < perIp; k++) {
            for (int i = 0; i < ips; i++) {
                String ip = "10.12.0." + i;
                Operation op = k % 2 == 0 ? Operation.LOGON : Operation.LOGOFF;
                String user = "u" + i + "-" + (k / 2);
                stream.add(event(op, ip, domain, user, t0.plusMillis(k * 10L), null, null));
                expected.computeIfAbsent(ip, x -> new ArrayList<>()).add(op.wireName() + ":" + user);
            }
        }
        JsonPath first =
                post(token, batch("timestamp", Instant.now().toString(), "max_items", 100, "filter", filter), 200);
        List<Map<String, Object>> received = new ArrayList<>(first.getList("items"));
        String[] cookie = {first.getString("cookie")};

        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try (var p = ViewTestSupport.eventProducer()) {
                for (int from = 0; from < stream.size(); from += 40) {
                    ViewTestSupport.sendAll(p, stream.subList(from, Math.min(stream.size(), from + 40)));
                }
            }
        });
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    boolean more = true;
                    while (more) {
                        JsonPath page =
                                post(token, batch("cookie", cookie[0], "max_items", 100, "filter", filter), 200);
                        List<Map<String, Object>> items = page.getList("items");
                        assertThat(items.size()).isLessThanOrEqualTo(100);
                        received.addAll(items);
                        cookie[0] = page.getString("cookie");
                        more = page.getBoolean("more");
                    }
                    return producing.isDone() && received.size() >= stream.size();
                });
        producing.get();
        // Nothing more arrives afterwards.
        assertThat(post(token, batch("cookie", cookie[0], "max_items", 100, "filter", filter), 200)
                        .getList("items"))
                .isEmpty();
        assertThat(received).hasSize(stream.size());
        Map<String, List<String>> perIpReceived = new HashMap<>();
        for (Map<String, Object> item : received) {
            perIpReceived
                    .computeIfAbsent((String) item.get("ip"), x -> new ArrayList<>())
                    .add(item.get("operation") + ":" + item.get("user"));
        }
        assertThat(perIpReceived).isEqualTo(expected);
    }

    @Test
    void itemsHaveTheContractShapeAndIpAndUserQueriesAnswerFromTheView() {
        String token = token("srx-items", "srx");
        Instant t = now().minusSeconds(10);
        String start = Instant.now().minusSeconds(1).toString();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            event(Operation.LOGON, "10.12.1.1", "items.example", "Alice", t, 60, List.of("VPN")),
                            event(Operation.LOGON, "10.12.1.2", "items.example", "alice", t, null, null),
                            logon("10.12.1.3", "items.example", "bob", t),
                            logoff("10.12.1.3", "items.example", "bob", t.plusSeconds(1))));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ViewDb.changes(ds, "10.12.1.3")).hasSize(2));

        List<Map<String, Object>> items = post(
                        token, batch("timestamp", start, "filter", Map.of("domains", List.of("items.example"))), 200)
                .getList("items");
        assertThat(items).hasSize(4);
        Map<String, Object> logonItem = items.stream()
                .filter(i -> "10.12.1.1".equals(i.get("ip")))
                .findFirst()
                .orElseThrow();
        assertThat(logonItem.keySet())
                .containsExactly(
                        "operation",
                        "ip",
                        "domain",
                        "user",
                        "roles",
                        "posture",
                        "device",
                        "source",
                        "timestamp",
                        "timeout");
        assertThat(logonItem)
                .containsEntry("operation", "logon")
                .containsEntry("ip", "10.12.1.1")
                .containsEntry("domain", "items.example")
                .containsEntry("user", "Alice")
                .containsEntry("roles", List.of("vpn"))
                .containsEntry("posture", "Healthy")
                .containsEntry("source", "syslog")
                .containsEntry(
                        "device", Map.of("identity", "PC-Alice", "groups", List.of("laptops"), "os", "Windows 11"));
        assertThat((Integer) logonItem.get("timeout")).isBetween(50, 60);
        List<Map<String, Object>> ofBob =
                items.stream().filter(i -> "10.12.1.3".equals(i.get("ip"))).toList();
        assertThat(ofBob).extracting(i -> i.get("operation")).containsExactly("logon", "logoff");
        Map<String, Object> logoffItem = ofBob.get(1);
        assertThat(logoffItem.keySet()).containsExactly("operation", "ip", "domain", "user", "source", "timestamp");
        assertThat(logoffItem).containsEntry("operation", "logoff").containsEntry("user", "bob");

        assertThat(post(token, Map.of("query", "ip", "ip", "10.12.1.1"), 200).getList("items", Map.class))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("user", "Alice"));
        assertThat(post(token, Map.of("query", "ip", "ip", "10.12.1.99"), 200).getList("items"))
                .isEmpty();
        assertThat(post(token, Map.of("query", "ip", "ip", "10.12.1.3"), 200).getList("items"))
                .isEmpty();
        assertThat(post(token, Map.of("query", "user", "domain", "ITEMS.example", "user", "ALICE"), 200)
                        .getList("items.ip"))
                .containsExactly("10.12.1.1", "10.12.1.2");
    }

    @Test
    void filtersByDomainAliasAndAddressRangesHold() {
        String token = token("srx-filter", "srx");
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    d, ViewTestSupport.domainObject("filt.example", List.of("FILT", "filt.corp")));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ViewDb.count(ds, "SELECT count(*) FROM query.domain_alias WHERE alias = 'filt'") == 1);
        Instant t = now().minusSeconds(5);
        String start = Instant.now().minusSeconds(1).toString();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            logon("10.12.200.1", "FILT", "alice", t), // NetBIOS name: stored as filt.example
                            logon("10.12.200.2", "filt.example", "bob", t), // excluded by the wildcard
                            logon("10.12.201.5", "filt.example", "carol", t),
                            logon("2001:db8:12::5", "filt.example", "dave", t),
                            logon("10.12.202.7", "filt.example", "frank", t), // not included
                            logon("10.12.200.3", "other.example", "erin", t), // other domain
                            logon("10.12.200.4", null, "zed@filt.corp", t))); // UPN suffix alias
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(ViewDb.active(ds, "10.12.200.4")).isNotNull());
        Map<String, Object> filter = Map.of(
                "domains", List.of("filt"),
                "include", List.of("10.12.200.0/24", "2001:db8:12::/48", "10.12.201.5/255.255.255.255"),
                "exclude", List.of("10.12.0.2/255.255.0.255"));
        JsonPath page = post(token, batch("timestamp", start, "max_items", 100, "filter", filter), 200);
        // Items of different addresses may commit in any order (partitions are keyed by address).
        assertThat(page.getList("items.user")).containsExactlyInAnyOrder("alice", "carol", "dave", "zed");
        assertThat(page.getList("items.domain")).containsOnly("filt.example");
        assertThat(page.getBoolean("more")).isFalse();
        // The DNS name matches the same items.
        assertThat(post(token, batch("timestamp", start, "filter", Map.of("domains", List.of("FILT.EXAMPLE"))), 200)
                        .getList("items.user"))
                .containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "frank", "zed");
    }

    @Test
    void pagesStopAtMaxItemsAndSayThereIsMore() {
        String token = token("srx-pages", "srx");
        Instant t = now().minusSeconds(5);
        String start = Instant.now().minusSeconds(1).toString();
        List<IdentityEvent> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(logon("10.12.3." + i, "pages.example", "p" + i, t));
        }
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(p, events);
        }
        Map<String, Object> filter = Map.of("domains", List.of("pages.example"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE domain = 'pages.example'")
                        == 150);
        JsonPath one = post(token, batch("timestamp", start, "max_items", 100, "filter", filter), 200);
        assertThat(one.getList("items")).hasSize(100);
        assertThat(one.getBoolean("more")).isTrue();
        JsonPath two = post(token, batch("cookie", one.getString("cookie"), "max_items", 100, "filter", filter), 200);
        assertThat(two.getList("items")).hasSize(50);
        assertThat(two.getBoolean("more")).isFalse();
        // Neither timestamp nor cookie: a full sync from the oldest retained change.
        JsonPath full = post(token, batch("max_items", 100), 200);
        assertThat(full.getList("items")).hasSize(100);
        assertThat(full.getBoolean("more")).isTrue();
        // The configured path (openjims.query.srx.query-api) answers too.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "ip", "ip", "10.12.3.1"))
                .post("/api/srx/v2")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void cookiesAreSignedBoundToTheClientAndExpireWithTheLog() throws Exception {
        String token = token("srx-cookie", "srx");
        String cookie = post(token, batch("max_items", 100), 200).getString("cookie");
        // The MAC's first character: all its bits count (the last one's low bits are base64 padding, so changing
        // them changes nothing).
        int at = cookie.lastIndexOf('.') + 1;
        char c = cookie.charAt(at);
        String tampered = cookie.substring(0, at) + (c == 'A' ? 'B' : 'A') + cookie.substring(at + 1);
        assertThat(post(token, batch("cookie", tampered), 400).getString("error"))
                .isEqualTo("invalid_cookie");
        assertThat(post(token("srx-other", "srx"), batch("cookie", cookie), 400).getString("error"))
                .isEqualTo("invalid_cookie");
        assertThat(post(token, batch("cookie", cookie), 200).getString("cookie"))
                .isNotNull();

        // Prune everything published so far: a cookie pointing before that gets 410.
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.12.4.1", "cookie.example", "c", now()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.12.4.1") != null);
        long head = ViewDb.count(ds, "SELECT last_seq FROM query.change_counter");
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.lastPublished() >= head);
        assertThat(retention.prune(Duration.ZERO)).isGreaterThanOrEqualTo(head);
        JsonPath gone = post(token, batch("cookie", cookies.encode(1, epoch(), "srx-cookie")), 410);
        assertThat(gone.getString("error")).isEqualTo("cookie_expired");
        assertThat(gone.getString("message")).contains("timestamp");
        // Starting over with a timestamp works.
        post(token, batch("timestamp", Instant.now().toString()), 200);
    }

    /**
     * A cookie must belong to this change log: one pointing past its head (the database was restored from a backup)
     * or issued under another epoch (the database was rebuilt, or restored and given a new epoch) gets 410 instead
     * of silently skipping the changes in between; a cookie issued before epochs still works.
     */
    @Test
    void cookiesOfAnotherChangeLogAreExpiredInsteadOfSkippingChanges() {
        String token = token("srx-epoch", "srx");
        String cookie = post(token, batch("max_items", 100), 200).getString("cookie");
        long head = ViewDb.count(ds, "SELECT last_seq FROM query.change_counter");

        JsonPath past = post(token, batch("cookie", cookies.encode(head + 1000, epoch(), "srx-epoch")), 410);
        assertThat(past.getString("error")).isEqualTo("cookie_expired");
        assertThat(past.getString("message")).contains("another change log").contains("timestamp");

        assertThat(post(token, batch("cookie", cookies.encodeLegacy(head, "srx-epoch")), 200)
                        .getString("cookie"))
                .startsWith("c2.");

        UUID before = epoch();
        try {
            ViewDb.update(ds, "UPDATE query.change_counter SET epoch = gen_random_uuid()");
            assertThat(post(token, batch("cookie", cookie), 410).getString("error"))
                    .isEqualTo("cookie_expired");
            // Starting over with a timestamp gives a cookie of the new epoch, which works.
            String fresh = post(token, batch("timestamp", Instant.now().toString()), 200)
                    .getString("cookie");
            assertThat(post(token, batch("cookie", fresh), 200).getString("cookie"))
                    .isNotNull();
        } finally {
            ViewDb.update(ds, "UPDATE query.change_counter SET epoch = ?", before);
        }
    }

    private UUID epoch() {
        return (UUID) ViewDb.query(ds, "SELECT epoch FROM query.change_counter")
                .get(0)
                .get("epoch");
    }

    @Test
    void badRequestsGetAMessageForEveryInvalidField() {
        String token = token("srx-bad", "srx");
        JsonPath bad = post(
                token,
                batch("max_items", 5000, "filter", Map.of("include", List.of("10.0.0.0/99"), "domains", "x")),
                400);
        assertThat(bad.getString("error")).isEqualTo("invalid_request");
        assertThat(bad.getString("message"))
                .contains("max_items")
                .contains("filter.include")
                .contains("filter.domains");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{broken")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", containsString("JSON"));
        assertThat(post(token, Map.of("query", "user", "domain", "x"), 400).getString("message"))
                .contains("user is required");
    }

    @Test
    void tokensAreCheckedAndOnlyRoleSrxMayQuery() {
        Map<String, String> body = Map.of("query", "ip", "ip", "10.12.1.1");
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);
        given().auth()
                .oauth2(ViewTestSupport.expiredToken("srx-x", "srx"))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(ViewTestSupport.tokenSignedWithAnotherKey("srx-x", "srx"))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(token("ingest-x", "ingest"))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(403);
        post(token("srx-x", "srx"), body, 200);
    }
}
