package io.openjims.query.batch;

import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.query.batch.service.SessionIndex;
import io.openjims.query.batch.service.SessionIndexFeed;
import io.openjims.query.view.ViewDb;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More active sessions than {@code max-sessions}: the index empties itself, counts the overflow, stays ready, and IP
 * queries are answered correctly from PostgreSQL.
 */
@QuarkusTest
@TestProfile(SessionIndexCapTest.TinyIndex.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionIndexCapTest {

    public static class TinyIndex implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openjims.query.index.max-sessions", "3", "openjims.query.index.overflow-retry", "1s");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    @Inject
    SessionIndex index;

    @Inject
    SessionIndexFeed feed;

    @Test
    void beyondTheCapQueriesReadPostgresAndTheOverflowIsCounted() {
        for (int i = 1; i <= 5; i++) {
            ViewDb.update(
                    ds,
                    "INSERT INTO query.session (ip, active, domain, user_name, user_lc, logon_at, state_at, expires_at)"
                            + " VALUES (?, true, 'cap.example', 'frank', 'frank', now(), now(),"
                            + " now() + interval '30 minutes') ON CONFLICT (ip) DO UPDATE SET active = true,"
                            + " expires_at = EXCLUDED.expires_at",
                    "10.78.0." + i);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.find("openjims.query.index.overflows")
                                .counter()
                                .count()
                        >= 1);
        assertThat(feed.ready()).isTrue();
        assertThat(index.serving()).isFalse();
        assertThat(index.size()).isZero();
        double fromDatabase = registry.find("openjims.query.index.lookups")
                .tag("answered_by", "database")
                .counter()
                .count();
        List<Map<String, Object>> items = given().auth()
                .oauth2(token("srx-index-cap", "srx"))
                .contentType(ContentType.JSON)
                .body(Map.of("query", "ip", "ip", "10.78.0.4"))
                .post(SrxQueryApiTest.PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(items).extracting(i -> i.get("user")).containsExactly("frank");
        assertThat(registry.find("openjims.query.index.lookups")
                        .tag("answered_by", "database")
                        .counter()
                        .count())
                .isGreaterThan(fromDatabase);
        ViewDb.update(ds, "UPDATE query.session SET active = false WHERE ip LIKE '10.78.0.%'");
    }
}
