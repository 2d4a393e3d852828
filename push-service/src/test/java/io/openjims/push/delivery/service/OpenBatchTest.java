package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.SessionState;
import io.openjims.model.kafka.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Filling live batches from the partition buffers (no broker: the consumer is only constructed). */
class OpenBatchTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final TopicPartition P0 = new TopicPartition("sessions", 0);
    private static final TopicPartition P1 = new TopicPartition("sessions", 1);

    private final WorkerOptions options = new WorkerOptions(
            2,
            Duration.ofMillis(200),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            "directory",
            "sessions",
            "collectors",
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"),
            RecordCache.NONE,
            EndpointPolicy.permissive(),
            65_536,
            RecordApplier.DeadLetters.DISCARD,
            Duration.ofDays(7),
            reason -> {});
    private final WorkerControl control = new WorkerControl(WorkerControlTest.settings(1, 0));
    private final SourcePartitions sources = new SourcePartitions(UUID.randomUUID(), options, control);
    private final RecordApplier applier = new RecordApplier(UUID.randomUUID(), RecordApplier.DeadLetters.DISCARD);

    @AfterEach
    void close() {
        sources.close();
    }

    private static ConsumerRecord<String, byte[]> session(TopicPartition tp, long offset, String domain) {
        String ip = "10.0." + tp.partition() + "." + offset;
        byte[] value = JsonCodec.toBytes(
                new SessionState("x" + offset, 1, ip, domain, "alice", List.of("sales"), null, null, null, T, T, 1));
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, ip, value);
    }

    private PartitionBuffers buffers(List<ConsumerRecord<String, byte[]>> records) {
        sources.use(List.of(P0, P1));
        PartitionBuffers buffers = new PartitionBuffers(sources);
        buffers.add(records);
        return buffers;
    }

    @Test
    void aNewBatchTakesItemsAfterItsStartUntilFullAndOnlyRebuildsTheViewBefore() {
        PartitionBuffers buffers = buffers(List.of(
                session(P0, 0, "a.test"),
                session(P0, 1, "a.test"),
                session(P0, 2, "b.test"),
                session(P0, 3, "a.test"),
                session(P1, 0, "a.test"),
                session(P1, 1, "a.test")));
        DeliveredState view = new DeliveredState(Set.of("a.test"), false);
        OpenBatch batch = OpenBatch.startingAt(Map.of(P0, 1L, P1, 0L));

        batch.fill(view, buffers, sources, options.batchMaxItems(), new SharedRecord(options.records()), applier);

        // P0@0 was delivered before; P0@1 and P0@3 are items, P0@2 (another domain) only moves the range.
        assertThat(batch.items.values())
                .extracting(json -> new String(json, StandardCharsets.UTF_8))
                .allSatisfy(json -> assertThat(json).contains("a.test"))
                .hasSize(2);
        assertThat(batch.to).containsEntry(P0, 4L).containsEntry(P1, 0L);
        assertThat(batch.due(options.batchMaxItems(), Duration.ofMinutes(1).toNanos()))
                .isTrue();
        assertThat(buffers.of(P0)).isEmpty();
        assertThat(buffers.of(P1)).hasSize(2);
    }

    @Test
    void aResentBatchEndsAtItsBound() {
        PartitionBuffers buffers = buffers(List.of(session(P0, 0, "a.test"), session(P0, 1, "a.test")));
        DeliveredState view = new DeliveredState(Set.of("a.test"), false);
        OpenBatch batch = new OpenBatch(Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L), UUID.randomUUID());

        batch.fill(view, buffers, sources, options.batchMaxItems(), new SharedRecord(options.records()), applier);

        assertThat(batch.items).hasSize(1);
        assertThat(batch.to).containsEntry(P0, 1L);
        assertThat(batch.reachedBound(buffers, sources)).isTrue();
        assertThat(buffers.of(P0)).hasSize(1);
    }

    @Test
    void storedPositionsNameEachPartition() {
        Map<TopicPartition, Long> offsets = Map.of(P0, 4L, new TopicPartition("identity.directory", 3), 7L);
        assertThat(SourcePartitions.names(offsets))
                .containsExactly(Map.entry("identity.directory:3", 7L), Map.entry("sessions:0", 4L));
        assertThat(SourcePartitions.byPartition(SourcePartitions.names(offsets)))
                .isEqualTo(offsets);
    }
}
