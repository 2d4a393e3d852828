package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.SessionState;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.model.PushItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveredStateTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private static byte[] user(String domain, String name) {
        return JsonCodec.toBytes(new DirectoryObject(
                "x",
                1,
                DirectoryObjectKind.USER,
                domain,
                "g",
                "dn",
                name,
                null,
                null,
                List.of(),
                List.of("sales"),
                null,
                null,
                false,
                T,
                null));
    }

    private static byte[] session(String ip, String domain, String user) {
        return JsonCodec.toBytes(
                new SessionState("x", 1, ip, domain, user, List.of("sales"), null, null, null, T, T, 1));
    }

    @Test
    void directoryChangesOfOwnDomainsOnlyAndDeletesByRememberedName() {
        DeliveredState state = new DeliveredState(Set.of("a.test"), false);
        assertThat(state.apply(SourceTopic.DIRECTORY, "b.test/user/1", user("b.test", "bob"), T))
                .isNull();
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/1", user("a.test", "alice"), T))
                .isEqualTo(PushItem.upsert("user", "a.test", "alice", List.of("sales")));
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/1", null, T))
                .isEqualTo(PushItem.delete("user", "a.test", "alice"));
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/2", null, T)).isNull();
        assertThat(state.stats().users()).isZero();
    }

    @Test
    void sessionLogoffCarriesTheDomainTheTenantKnew() {
        DeliveredState state = new DeliveredState(Set.of("a.test"), false);
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.1", session("10.0.0.1", "b.test", "bob"), T))
                .isNull();
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.1", null, T)).isNull();
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.2", session("10.0.0.2", "a.test", "alice"), T))
                .isEqualTo(PushItem.logon("10.0.0.2", "a.test", "alice", List.of("sales"), T));
        assertThat(state.stats().sessions()).isEqualTo(1);
        // The address moves to a domain the tenant may not see: it learns only that its session ended.
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.2", session("10.0.0.2", "b.test", "bob"), T))
                .isEqualTo(PushItem.logoff("10.0.0.2", "a.test", T));
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.2", null, T)).isNull();
        assertThat(state.stats().sessions()).isZero();
    }

    @Test
    void collectorsOnlyForSecureEdgeAndMalformedValuesAreSkipped() {
        byte[] status = JsonCodec.toBytes(
                new CollectorStatus("x", 1, "dc1", "1.0", CollectorState.RUNNING, "d", T, Map.of(), List.of("a.test")));
        assertThat(new DeliveredState(Set.of("a.test"), false).apply(SourceTopic.COLLECTORS, "dc1", status, T))
                .isNull();
        DeliveredState edge = new DeliveredState(Set.of("a.test"), true);
        assertThat(edge.apply(SourceTopic.COLLECTORS, "dc1", status, T))
                .isEqualTo(PushItem.collector("dc1", "1.0", "running", "d", T));
        assertThat(edge.apply(
                        SourceTopic.SESSIONS,
                        "10.0.0.9",
                        "{\"domain\":\"a.test\",".getBytes(StandardCharsets.UTF_8),
                        T))
                .isNull();
        assertThat(edge.malformed()).isEqualTo(1);
    }

    @Test
    void eachSecureEdgeTenantGetsOnlyTheCollectorsOfItsDomains() {
        byte[] servesA = JsonCodec.toBytes(new CollectorStatus(
                "x", 1, "dc-a", "1.0", CollectorState.RUNNING, "d", T, Map.of(), List.of("a.test", "c.test")));
        byte[] servesB = JsonCodec.toBytes(new CollectorStatus(
                "y", 1, "dc-b", "1.0", CollectorState.RUNNING, "d", T, Map.of(), List.of("b.test")));
        byte[] servesNone =
                JsonCodec.toBytes(new CollectorStatus("z", 1, "dc-0", "1.0", CollectorState.RUNNING, "d", T, Map.of()));
        DeliveredState tenantA = new DeliveredState(Set.of("a.test"), true);
        DeliveredState tenantB = new DeliveredState(Set.of("b.test"), true);

        assertThat(tenantA.apply(SourceTopic.COLLECTORS, "dc-a", servesA, T)).isNotNull();
        assertThat(tenantA.apply(SourceTopic.COLLECTORS, "dc-b", servesB, T)).isNull();
        assertThat(tenantB.apply(SourceTopic.COLLECTORS, "dc-a", servesA, T)).isNull();
        assertThat(tenantB.apply(SourceTopic.COLLECTORS, "dc-b", servesB, T))
                .isEqualTo(PushItem.collector("dc-b", "1.0", "running", "d", T));
        // A heartbeat naming no domain (an older collector, or one without directories) goes to no tenant.
        assertThat(tenantA.apply(SourceTopic.COLLECTORS, "dc-0", servesNone, T)).isNull();
        assertThat(tenantB.apply(SourceTopic.COLLECTORS, "dc-0", servesNone, T)).isNull();
        assertThat(tenantA.mayConcern(SourceTopic.COLLECTORS, "dc-b", servesB)).isFalse();
        assertThat(tenantB.mayConcern(SourceTopic.COLLECTORS, "dc-b", servesB)).isTrue();
    }

    @Test
    void recordsRefusedByIdentityTextAreSkippedAndTheRecordsBehindThemDelivered() {
        DeliveredState state = new DeliveredState(Set.of("a.test"), true);
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.1", session("10.0.0.1", "a.test", "alice"), T))
                .isNotNull();
        // A NUL in the user replaces alice's session: never sent, and the tenant learns alice's session ended.
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.1", session("10.0.0.1", "a.test", "a\u0000b"), T))
                .isEqualTo(PushItem.logoff("10.0.0.1", "a.test", T));
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.2", session("10.0.0.2", "a.test", "x".repeat(65_536)), T))
                .isNull();
        byte[] farFuture = JsonCodec.toBytes(new SessionState(
                "x",
                1,
                "10.0.0.3",
                "a.test",
                "eve",
                List.of(),
                null,
                null,
                null,
                Instant.parse("+10000-01-01T00:00:00Z"),
                T,
                1));
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.3", farFuture, T)).isNull();
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/9", user("a.test", "bad\u001bname"), T))
                .isNull();
        byte[] badCollector = JsonCodec.toBytes(new CollectorStatus(
                "x", 1, "dc\u0007", "1.0", CollectorState.RUNNING, "d", T, Map.of(), List.of("a.test")));
        assertThat(state.apply(SourceTopic.COLLECTORS, "dc", badCollector, T)).isNull();
        assertThat(state.malformed()).isEqualTo(5);
        // The good record behind them still goes out.
        assertThat(state.apply(SourceTopic.SESSIONS, "10.0.0.4", session("10.0.0.4", "a.test", "bob"), T))
                .isEqualTo(PushItem.logon("10.0.0.4", "a.test", "bob", List.of("sales"), T));
        assertThat(state.stats().sessions()).isEqualTo(1);
    }
}
