package io.openjims.query.view.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record a consumer skips, with a short stable reason (a metric tag) and a human-readable detail. */
public record RejectedRecord(ConsumerRecord<String, byte[]> record, String reason, String detail) {}
