package io.openjims.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The summed end offsets of a topic's partitions: how many records reached it. */
public final class TopicOffsets {

    private final Admin admin;
    private final String topic;
    private final int partitions;
    private long lastChange = System.nanoTime();

    public TopicOffsets(Admin admin, String topic, int partitions) {
        this.admin = admin;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The sum of the end offsets now. */
    public long end() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /**
     * Polls the end offsets until they reach the target, the limit passes or they stop moving for 10 s; returns the
     * last sum.
     */
    public long await(long target, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long offset = end();
        long changed = System.nanoTime();
        while (offset < target && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            long now = end();
            if (now != offset) {
                changed = System.nanoTime();
            } else if (System.nanoTime() - changed > Duration.ofSeconds(10).toNanos()) {
                break;
            }
            offset = now;
        }
        lastChange = changed;
        return offset;
    }

    /** System.nanoTime() when the last {@link #await} saw the end offsets move. */
    public long lastChange() {
        return lastChange;
    }
}
