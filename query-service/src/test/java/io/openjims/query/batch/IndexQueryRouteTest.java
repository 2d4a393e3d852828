package io.openjims.query.batch;

import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.query.view.ViewTestSupport;
import io.openjims.support.jwt.Revocation;
import io.openjims.support.jwt.RevocationList;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IP and user queries the session index serves are answered on the event loop ({@code IndexQueryRoute}), before
 * Quarkus' authentication and RESTEasy: the same answers, status codes and error bodies as the resource, on both
 * query paths. Addresses 10.93.0.0/16.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IndexQueryRouteTest {

    static final String PATH = "/api/user_query/v2";
    /** {@code %test.openjims.query.srx.query-api}. */
    static final String CONFIGURED = "/api/srx/v2";

    private static final String DOMAIN = "fastpath.example";
    private static final String OTHER = "fastpath-other.example";

    @Inject
    MeterRegistry registry;

    @Inject
    RevocationList revocations;

    @Inject
    Vertx vertx;

    private static boolean loaded;

    @BeforeEach
    void sessionsInTheIndex() {
        // Once: the three sessions are in the index and it serves (the answers come from the event loop).
        if (loaded) {
            return;
        }
        Instant at = now();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            logon("10.93.0.1", DOMAIN, "alice", at),
                            logon("10.93.0.2", DOMAIN, "alice", at),
                            logon("10.93.0.3", OTHER, "bob", at)));
        }
        String srx = token("fast-setup", "srx");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    double before = answered();
                    return items(query(srx, PATH, ip("10.93.0.3"))).size() == 1
                            && items(query(srx, PATH, user(DOMAIN, "alice"))).size() == 2
                            && answered() == before + 2;
                });
        loaded = true;
    }

    @Test
    void ipAndUserQueriesAreAnsweredOnTheEventLoopAsTheResourceAnswersThem() {
        String srx = token("fast-srx", "srx");
        for (String path : List.of(PATH, CONFIGURED)) {
            for (String body : List.of(ip("10.93.0.1"), user("FastPath.Example", " Alice "), ip("10.93.9.9"))) {
                double before = answered();
                Response fast = query(srx, path, body);
                assertThat(answered()).as("answered on the event loop").isEqualTo(before + 1);
                // A body over the route's limit (padded with spaces) takes the resource's path.
                Response slow = query(srx, path, body + " ".repeat(9000));
                assertThat(answered()).as("the resource answered").isEqualTo(before + 1);
                assertThat(fast.statusCode()).isEqualTo(200);
                assertThat(fast.contentType()).isEqualTo(slow.contentType());
                assertThat(fast.asString()).isEqualTo(slow.asString());
            }
        }
        assertThat(items(query(srx, PATH, ip("10.93.0.1")))).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("operation", "logon");
            assertThat(item).containsEntry("ip", "10.93.0.1");
            assertThat(item).containsEntry("domain", DOMAIN);
            assertThat(item).containsEntry("user", "alice");
        });
        assertThat(items(query(srx, CONFIGURED, user(DOMAIN, "alice"))))
                .extracting(i -> i.get("ip"))
                .containsExactly("10.93.0.1", "10.93.0.2");
        assertThat(items(query(srx, PATH, ip("10.93.9.9")))).isEmpty();
    }

    @Test
    void aClientLimitedToDomainsSeesOnlyThoseOnTheEventLoop() {
        String limited = Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject("fast-limited")
                .groups(Set.of("srx"))
                .claim("domains", List.of(DOMAIN.toUpperCase()))
                .expiresIn(Duration.ofMinutes(30))
                .jws()
                .keyId(ViewTestSupport.testKid())
                .sign();
        double before = answered();
        assertThat(items(query(limited, PATH, ip("10.93.0.1")))).hasSize(1);
        assertThat(items(query(limited, PATH, ip("10.93.0.3")))).isEmpty();
        assertThat(items(query(limited, PATH, user(OTHER, "bob")))).isEmpty();
        assertThat(answered()).isEqualTo(before + 3);
    }

    @Test
    void badTokensAndRolesGetTheUsualErrors() {
        String body = ip("10.93.0.1");
        double before = answered();
        Response none = given().contentType(ContentType.JSON).body(body).post(PATH);
        assertError(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"openjims\"");
        for (String bad : List.of(
                ViewTestSupport.expiredToken("fast-x", "srx"),
                ViewTestSupport.tokenSignedWithAnotherKey("fast-x", "srx"),
                "not-a-jwt")) {
            for (String path : List.of(PATH, CONFIGURED)) {
                Response r = query(bad, path, body);
                assertError(r, 401, "invalid_token");
                assertThat(r.header("WWW-Authenticate"))
                        .isEqualTo("Bearer realm=\"openjims\", error=\"invalid_token\"");
            }
        }
        assertError(query(token("fast-ingest", "ingest"), PATH, body), 403, "forbidden");
        assertError(query(token("fast-admin", "admin"), CONFIGURED, body), 403, "forbidden");
        assertThat(answered()).isEqualTo(before);
    }

    @Test
    void aRevokedClientIsRefusedAtOnce() {
        String srx = token("fast-revoked", "srx");
        assertThat(query(srx, PATH, ip("10.93.0.1")).statusCode()).isEqualTo(200);
        revocations.apply(new Revocation("fast-revoked", Instant.now().plusSeconds(5)));
        assertError(query(srx, PATH, ip("10.93.0.1")), 401, "invalid_token");
        assertError(query(srx, CONFIGURED, user(DOMAIN, "alice")), 401, "invalid_token");
    }

    @Test
    void invalidBodiesAndBatchQueriesGoOnToTheResource() {
        String srx = token("fast-bodies", "srx");
        double before = answered();
        for (String path : List.of(PATH, CONFIGURED)) {
            Response broken = query(srx, path, "{broken");
            assertError(broken, 400, "invalid_request");
            assertThat(broken.jsonPath().getString("message")).contains("JSON");
            assertThat(query(srx, path, "{\"query\":\"ip\",\"ip\":\"10.93.0.999\"}")
                            .jsonPath()
                            .getString("message"))
                    .contains("ip must be an IPv4 or IPv6 address");
            assertThat(query(srx, path, "{\"query\":\"user\",\"domain\":\"x\"}")
                            .jsonPath()
                            .getString("message"))
                    .contains("user is required");
            assertError(query(srx, path, ""), 400, "invalid_request");
            Response batch = query(srx, path, "{\"query\":\"batch\",\"max_items\":100}");
            assertThat(batch.statusCode()).isEqualTo(200);
            assertThat(batch.jsonPath().getString("cookie")).startsWith("c2.");
            assertError(query(srx, path, "{\"query\":\"batch\",\"max_items\":5}"), 400, "invalid_request");
        }
        assertThat(answered()).isEqualTo(before);
    }

    /** HTTP/2 (h2c, prior knowledge) takes the resource's path: IP queries and batches are answered as over 1.1. */
    @Test
    void http2RequestsAreAnsweredByTheResource() throws Exception {
        String srx = token("fast-h2", "srx");
        double before = answered();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            for (String path : List.of(PATH, CONFIGURED)) {
                H2 ip = h2(client, srx, path, ip("10.93.0.1"));
                assertThat(ip.version()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(ip.status()).as(ip.body()).isEqualTo(200);
                assertThat(ip.body())
                        .isEqualTo(query(srx, path, ip("10.93.0.1")).asString());
                H2 batch = h2(client, srx, path, "{\"query\":\"batch\",\"max_items\":100}");
                assertThat(batch.status()).as(batch.body()).isEqualTo(200);
                assertThat(batch.body()).contains("\"cookie\":\"c2.");
                assertThat(h2(client, "not-a-jwt", path, ip("10.93.0.1")).status())
                        .isEqualTo(401);
            }
        } finally {
            client.close();
        }
        assertThat(answered()).as("only the HTTP/1.1 comparisons").isEqualTo(before + 2);
    }

    record H2(HttpVersion version, int status, String body) {}

    private static H2 h2(HttpClient client, String token, String path, String body) throws Exception {
        return client.request(HttpMethod.POST, RestAssured.port, "localhost", path)
                .compose(request -> request.putHeader("Authorization", "Bearer " + token)
                        .putHeader("Content-Type", "application/json")
                        .send(body)
                        .compose(response -> response.body()
                                .map(b -> new H2(response.version(), response.statusCode(), b.toString()))))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private double answered() {
        return registry.counter("openjims.query.srx.event_loop_answers").count();
    }

    private static void assertError(Response r, int status, String error) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error")).isEqualTo(error);
        assertThat(r.jsonPath().getString("message")).isNotBlank();
    }

    private static Response query(String token, String path, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path);
    }

    private static List<Map<String, Object>> items(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getList("items");
    }

    private static String ip(String ip) {
        return "{\"query\":\"ip\",\"ip\":\"" + ip + "\"}";
    }

    private static String user(String domain, String user) {
        return "{\"query\":\"user\",\"domain\":\"" + domain + "\",\"user\":\"" + user + "\"}";
    }
}
