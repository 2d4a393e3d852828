package io.openjims.push.delivery.model;

import java.time.Instant;
import java.util.List;

/** The body POSTed to a tenant (api.md §5). {@code stats} only for Secure Edge tenants. */
public record PushBatch(
        int schema, String tenant, String batchId, Instant sentAt, List<PushItem> items, PushStats stats) {

    public static final int SCHEMA_VERSION = 1;
}
