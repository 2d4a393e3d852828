package io.openjims.collector.directory.sync;

import java.util.List;

/**
 * The result of one poll: what to publish, and the model to keep once the publications are acknowledged.
 *
 * @param full whether this was a full read (first sync or reconciliation)
 * @param examined entries read from the directory in this poll
 */
public record SyncOutcome(
        DirectoryModel model,
        List<Publication> publications,
        boolean full,
        int examined,
        int users,
        int groups,
        int devices) {}
