package io.openjims.collector.ingest.service;

import io.openjims.model.IdentityEvent;

/** The outcome of validating one item of a batch: an event to publish, or why the item was refused. */
public sealed interface ItemResult {

    record Accepted(IdentityEvent event) implements ItemResult {}

    /** {@code reason}: a short stable tag for the rejection metric. */
    record Rejected(int index, String error, String reason) implements ItemResult {}
}
