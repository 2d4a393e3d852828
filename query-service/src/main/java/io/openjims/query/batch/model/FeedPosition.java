package io.openjims.query.batch.model;

import java.util.UUID;

/**
 * Where a read of the session feed stands: {@code xmin}, the oldest transaction still running at the read's snapshot
 * (every transaction before it had committed or aborted, so the next read asks for rows written by it or later), the
 * change log's head and epoch at that snapshot.
 */
public record FeedPosition(long xmin, long head, UUID epoch) {}
