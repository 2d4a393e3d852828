package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.model.SessionState;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.model.PushBatch;
import io.openjims.push.delivery.model.PushItem;
import io.openjims.push.delivery.model.PushStats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCacheTest {

    private static final ObjectMapper JSON = JsonCodec.configure(new ObjectMapper());
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private static byte[] session(String ip, String domain, String user) {
        return JsonCodec.toBytes(new SessionState(
                "s-" + ip,
                SessionState.SCHEMA_VERSION,
                ip,
                domain,
                user,
                List.of("staff"),
                null,
                null,
                null,
                T,
                T.plusSeconds(3600),
                1));
    }

    @Test
    void aRecordIsDecodedOnceAndItsItemWrittenOnceForEveryTenant() {
        RecordCache cache = new RecordCache(100);
        byte[] value = session("10.0.0.1", "a.test", "alice");
        DeliveredState first = new DeliveredState(Set.of("a.test"), false);
        DeliveredState second = new DeliveredState(Set.of("a.test", "b.test"), false);

        RecordCache.Entry a = cache.entry("identity.sessions", 0, 7, value);
        byte[] copy = value.clone(); // what another tenant's consumer holds
        RecordCache.Entry b = cache.entry("identity.sessions", 0, 7, copy);
        assertThat(b).isSameAs(a);
        PushItem one = first.apply(SourceTopic.SESSIONS, "10.0.0.1", value, T, a);
        PushItem two = second.apply(SourceTopic.SESSIONS, "10.0.0.1", copy, T, b);
        assertThat(one).isEqualTo(PushItem.logon("10.0.0.1", "a.test", "alice", List.of("staff"), T));
        assertThat(two).isEqualTo(one);
        assertThat(b.decode(copy, SessionState.class)).isSameAs(a.decode(value, SessionState.class));
        assertThat(two).isSameAs(one);
        assertThat(a.json(two)).isSameAs(a.json(one)).isEqualTo(RecordCache.encode(one));
        // An item that depends on what the tenant was told (here a logoff) is written for that tenant alone.
        PushItem logoff = PushItem.logoff("10.0.0.1", "a.test", T);
        assertThat(a.json(logoff)).isEqualTo(RecordCache.encode(logoff));
    }

    @Test
    void otherBytesAtTheSameOffsetAreNotTakenFromTheCache() {
        RecordCache cache = new RecordCache(100);
        RecordCache.Entry old = cache.entry("t", 0, 0, session("10.0.0.1", "a.test", "alice"));
        byte[] now = session("10.0.0.1", "a.test", "bob");
        RecordCache.Entry fresh = cache.entry("t", 0, 0, now);
        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.decode(now, SessionState.class).user()).isEqualTo("bob");
    }

    @Test
    void malformedValuesFailForEveryReaderAndTheCacheStaysBounded() {
        RecordCache cache = new RecordCache(2);
        byte[] broken = "{not json".getBytes(StandardCharsets.UTF_8);
        DeliveredState state = new DeliveredState(Set.of("a.test"), false);
        RecordCache.Entry entry = cache.entry("t", 0, 1, broken);
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/1", broken, T, entry))
                .isNull();
        assertThat(state.apply(SourceTopic.DIRECTORY, "a.test/user/1", broken, T, entry))
                .isNull();
        assertThat(state.malformed()).isEqualTo(2);
        RecordCache.Entry first = cache.entry("t", 0, 10, session("10.0.0.1", "a.test", "a"));
        cache.entry("t", 0, 11, session("10.0.0.2", "a.test", "b"));
        cache.entry("t", 0, 12, session("10.0.0.3", "a.test", "c"));
        assertThat(cache.entry("t", 0, 10, session("10.0.0.1", "a.test", "a"))).isNotSameAs(first);
    }

    @Test
    void theBatchBodyIsTheJsonOfPushBatch() throws Exception {
        List<PushItem> items = List.of(
                PushItem.logon("10.0.0.1", "a.test", "alice", List.of("staff"), T),
                PushItem.upsert("user", "a.test", "bob", List.of("g1")),
                PushItem.logoff("10.0.0.2", "a.test", T));
        List<byte[]> written = items.stream().map(RecordCache::encode).toList();
        PushStats stats = new PushStats(1, 2, 3, 4, 5);
        for (PushStats s : new PushStats[] {null, stats}) {
            for (List<PushItem> list : List.of(items, List.<PushItem>of())) {
                List<byte[]> json = list.isEmpty() ? List.of() : written;
                byte[] body = BatchBody.write(PushBatch.SCHEMA_VERSION, "t1", "b-1", T, json, s);
                byte[] expected =
                        JSON.writeValueAsBytes(new PushBatch(PushBatch.SCHEMA_VERSION, "t1", "b-1", T, list, s));
                assertThat(new String(body, StandardCharsets.UTF_8))
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
        }
    }
}
