package io.openjims.push.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.model.PushStats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes the body of a pushed batch (api.md §5, the JSON of {@link io.openjims.push.delivery.model.PushBatch}) from
 * items that are already serialised, so an item shared by many tenants is serialised only once.
 */
final class BatchBody {

    private static final ObjectMapper JSON = JsonCodec.configure(new ObjectMapper());
    private static final byte[] ITEMS = ",\"items\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STATS = "],\"stats\":".getBytes(StandardCharsets.UTF_8);

    /** The fields before {@code items}, in the order of PushBatch. */
    private record Head(int schema, String tenant, String batchId, Instant sentAt) {}

    private BatchBody() {}

    static byte[] write(
            int schema, String tenant, String batchId, Instant sentAt, List<byte[]> items, PushStats stats) {
        try {
            byte[] head = JSON.writeValueAsBytes(new Head(schema, tenant, batchId, sentAt));
            byte[] statsJson = stats == null ? null : JSON.writeValueAsBytes(stats);
            int length = head.length + ITEMS.length + STATS.length + 2 + (statsJson == null ? 0 : statsJson.length);
            for (byte[] item : items) {
                length += item.length + 1;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            out.write(head, 0, head.length - 1);
            out.write(ITEMS);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(items.get(i));
            }
            if (statsJson != null) {
                out.write(STATS);
                out.write(statsJson);
            } else {
                out.write(']');
            }
            out.write('}');
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write batch JSON", e);
        }
    }
}
