package io.openjims.query.batch;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.Operation;
import io.openjims.query.batch.service.SessionIndex;
import io.openjims.query.batch.service.SessionIndexFeed;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * IP and user queries answered from the in-memory session index: with {@code query.session} locked, for writes of
 * any writer (another replica, a plain UPDATE), for timer restarts that leave no change-log row, never past expiry,
 * and again after the index reloaded the view.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionIndexTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    @Inject
    SessionIndex index;

    @Inject
    SessionIndexFeed feed;

    private static List<Map<String, Object>> ipQuery(String token, String ip) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "ip", "ip", ip))
                .post(SrxQueryApiTest.PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    private static List<Map<String, Object>> userQuery(String token, String domain, String user) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "user", "domain", domain, "user", user))
                .post(SrxQueryApiTest.PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    private static String domain() {
        return "ix-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private final List<String> written = new java.util.ArrayList<>();

    /** Ends what {@link #write} wrote (never published: the relay test compares the topic with the view). */
    @org.junit.jupiter.api.AfterEach
    void endWritten() {
        for (String ip : written) {
            ViewDb.update(ds, "UPDATE query.session SET active = false WHERE ip = ?", ip);
        }
        written.clear();
    }

    /** Writes an active session as another replica's writer would (not through this replica's consumers). */
    private void write(String ip, String domain, String user, String expiresIn) {
        written.add(ip);
        ViewDb.update(
                ds,
                "INSERT INTO query.session (ip, active, domain, user_name, user_lc, roles, source_kind, logon_at,"
                        + " state_at, expires_at) VALUES (?, true, ?, ?, lower(?), '{staff}', 'syslog', now(), now(),"
                        + " now() + CAST(? AS interval)) ON CONFLICT (ip) DO UPDATE SET active = true,"
                        + " domain = EXCLUDED.domain, user_name = EXCLUDED.user_name, user_lc = EXCLUDED.user_lc,"
                        + " logon_at = EXCLUDED.logon_at, expires_at = EXCLUDED.expires_at",
                ip,
                domain,
                user,
                user,
                expiresIn);
    }

    private double lookups(String by) {
        var c = registry.find("openjims.query.index.lookups")
                .tag("answered_by", by)
                .counter();
        return c == null ? 0 : c.count();
    }

    private double rebuilds(String reason) {
        var c = registry.find("openjims.query.index.rebuilds")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void ipAndUserQueriesAreAnsweredFromMemoryWhileTheSessionTableIsLocked() throws Exception {
        String token = token("srx-index-lock", "srx");
        String domain = domain();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, event(Operation.LOGON, "10.79.0.1", domain, "Alice", now(), null, List.of("vpn")));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ipQuery(token, "10.79.0.1").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(index::serving);
        double before = lookups("index");
        CompletableFuture<Void> released = new CompletableFuture<>();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("LOCK TABLE query.session IN ACCESS EXCLUSIVE MODE");
                }
                locked.complete(null);
                released.get(60, TimeUnit.SECONDS);
                c.rollback();
            } catch (Exception e) {
                locked.completeExceptionally(e);
            }
        });
        try {
            locked.get(10, TimeUnit.SECONDS);
            // Any read of query.session would wait for the lock; the answers come from memory at once.
            List<Map<String, Object>> byIp = CompletableFuture.supplyAsync(() -> ipQuery(token, "10.79.0.1"))
                    .get(5, TimeUnit.SECONDS);
            assertThat(byIp).singleElement().satisfies(item -> {
                assertThat(item).containsEntry("user", "Alice").containsEntry("domain", domain);
                assertThat(item.get("roles")).isEqualTo(List.of("vpn"));
                assertThat(item).containsKey("device").containsEntry("posture", "Healthy");
                assertThat((Integer) item.get("timeout")).isPositive();
            });
            List<Map<String, Object>> byUser = CompletableFuture.supplyAsync(() -> userQuery(token, domain, "alice"))
                    .get(5, TimeUnit.SECONDS);
            assertThat(byUser).extracting(i -> i.get("ip")).containsExactly("10.79.0.1");
            assertThat(lookups("index")).isGreaterThanOrEqualTo(before + 2);
        } finally {
            released.complete(null);
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriteOfAnotherWriterAndItsEndAppearWithinASecond() {
        String token = token("srx-index-writer", "srx");
        String domain = domain();
        await().atMost(Duration.ofSeconds(10)).until(index::serving);
        write("10.79.1.1", domain, "Bob", "30 minutes");
        write("10.79.1.2", domain, "bob", "30 minutes");
        // Within a second of the commit the index has it (polled in-process: HTTP latency of a busy machine apart).
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> index.ip("10.79.1.2", Set.of()).size() == 1);
        assertThat(ipQuery(token, "10.79.1.1")).extracting(i -> i.get("user")).containsExactly("Bob");
        assertThat(userQuery(token, domain, "BOB"))
                .extracting(i -> i.get("ip"))
                .containsExactly("10.79.1.1", "10.79.1.2");
        ViewDb.update(ds, "UPDATE query.session SET active = false, state_at = now() WHERE ip = ?", "10.79.1.1");
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> index.ip("10.79.1.1", Set.of()).isEmpty());
        assertThat(ipQuery(token, "10.79.1.1")).isEmpty();
        assertThat(userQuery(token, domain, "bob")).extracting(i -> i.get("ip")).containsExactly("10.79.1.2");
    }

    @Test
    void aTimerRestartWithoutAChangeReachesTheIndex() {
        String token = token("srx-index-timer", "srx");
        String domain = domain();
        String ip = "10.79.2.1";
        Instant t = now();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, event(Operation.LOGON, ip, domain, "carol", t.minusSeconds(500), 10, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ipQuery(token, ip).size() == 1);
        assertThat((Integer) ipQuery(token, ip).get(0).get("timeout")).isLessThanOrEqualTo(2);
        try (var p = ViewTestSupport.eventProducer()) {
            // The same user again, logged on later: the timer restarts.
            ViewTestSupport.send(p, event(Operation.LOGON, ip, domain, "carol", t, 10, null));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ViewDb.count(
                                ds,
                                "SELECT count(*) FROM query.session WHERE ip = ?"
                                        + " AND expires_at > now() + interval '9 minutes'",
                                ip)
                        == 1);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() ->
                        Integer.valueOf(10).equals(index.ip(ip, Set.of()).get(0).timeout()));
        assertThat(ipQuery(token, ip).get(0).get("timeout")).isEqualTo(10);

        // A settings-style bulk UPDATE of the expiry reaches it too.
        ViewDb.update(ds, "UPDATE query.session SET expires_at = now() + interval '20 minutes' WHERE ip = ?", ip);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() ->
                        Integer.valueOf(20).equals(index.ip(ip, Set.of()).get(0).timeout()));
    }

    @Test
    void anExpiredSessionIsNeverServedEvenBeforeTheExpiryJobEndsIt() {
        String token = token("srx-index-expiry", "srx");
        String domain = domain();
        String ip = "10.79.3.1";
        write(ip, domain, "dave", "2 seconds");
        Instant expires = ((java.sql.Timestamp)
                        ViewDb.query(ds, "SELECT expires_at FROM query.session WHERE ip = ?", ip)
                                .get(0)
                                .get("expires_at"))
                .toInstant();
        await().atMost(Duration.ofSeconds(1)).until(() -> index.ip(ip, Set.of()).size() == 1);
        assertThat(ipQuery(token, ip)).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expires));
        assertThat(ipQuery(token, ip)).isEmpty();
        assertThat(userQuery(token, domain, "dave")).isEmpty();
    }

    @Test
    void theIndexLoadsTheViewAtStartAndAgainAfterAGap() {
        String token = token("srx-index-rebuild", "srx");
        String domain = domain();
        assertThat(feed.ready()).isTrue();
        assertThat(rebuilds("start")).isEqualTo(1);
        write("10.79.4.1", domain, "erin", "30 minutes");
        await().atMost(Duration.ofSeconds(1))
                .until(() -> index.ip("10.79.4.1", Set.of()).size() == 1);

        // Another change log (restored database): the index loads the view again.
        double gaps = rebuilds("gap");
        ViewDb.update(ds, "UPDATE query.change_counter SET epoch = gen_random_uuid() WHERE id = 1");
        await().atMost(Duration.ofSeconds(5)).until(() -> rebuilds("gap") > gaps);
        await().atMost(Duration.ofSeconds(5)).until(index::serving);
        assertThat(ipQuery(token, "10.79.4.1")).extracting(i -> i.get("user")).containsExactly("erin");

        double before = rebuilds("gap");
        feed.requestRebuild();
        await().atMost(Duration.ofSeconds(5)).until(() -> rebuilds("gap") > before && index.serving());
        assertThat(userQuery(token, domain, "erin"))
                .extracting(i -> i.get("ip"))
                .containsExactly("10.79.4.1");
        assertThat(index.size()).isGreaterThanOrEqualTo(1);
    }
}
