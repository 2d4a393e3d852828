package io.openjims.query.directory;

import static io.openjims.query.view.ViewTestSupport.group;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.directory.service.DirectoryMaterializer;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.openjims.query.view.kafka.CheckpointedConsumer.Rejections;
import io.openjims.query.view.service.EventMaterializer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A logon and the directory change that gives its user a group, applied by the two consumers at the same moment: the
 * session must end up with the role whichever transaction commits first (it once kept no roles).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectoryLogonRaceTest {

    private static final Rejections NONE = (record, reason, detail) -> {
        throw new AssertionError("rejected: " + reason + " " + detail);
    };

    @Inject
    AgroalDataSource ds;

    @Inject
    EventMaterializer events;

    @Inject
    DirectoryMaterializer directory;

    @Test
    void aLogonInFlightWhileTheDirectoryGivesItsUserAGroupGetsTheRole() throws Exception {
        String domain = "race.example";
        String ip = "10.233.0.1"; // a block no other test of the shared view uses
        try (Connection logonTx = ds.getConnection()) {
            logonTx.setAutoCommit(false);
            // The logon is applied but not yet committed when the directory change arrives.
            events.apply(logonTx, List.of(record("identity.events", ip, logon(ip, domain, "rita", now()))), NONE);

            CompletableFuture<Void> directoryTx = CompletableFuture.runAsync(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
                    for (var o : List.of(
                            ViewTestSupport.domainObject(domain, List.of("RACE")),
                            group(domain, "Ops", List.of()),
                            user(domain, "rita", List.of(), List.of("Ops")))) {
                        records.add(record("identity.directory", o.key(), o));
                    }
                    directory.apply(c, records, NONE);
                    c.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Either the directory transaction waits for the logon's (what the fix does), or it is already done.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directoryTx.isDone()
                            || ViewDb.count(
                                            ds,
                                            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                                    > 0);
            logonTx.commit();
            directoryTx.get(10, TimeUnit.SECONDS);
        }
        assertThat(ViewDb.query(
                        ds,
                        "SELECT array_to_string(roles, ',') AS roles FROM query.session WHERE ip = ? AND active",
                        ip))
                .extracting(row -> row.get("roles"))
                .containsExactly("ops");
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, Object value) {
        return new ConsumerRecord<>(topic, 0, 0L, key, JsonCodec.toBytes(value));
    }
}
