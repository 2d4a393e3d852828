package io.openjims.push.delivery.service;

/** The topics a tenant's data comes from, in the order items of one batch are sorted by. */
public enum SourceTopic {
    DIRECTORY,
    SESSIONS,
    COLLECTORS
}
