package io.openjims.support.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record a consumer skips, with a short stable reason (a metric tag) and a human-readable detail.
 *
 * @param value the record's bytes as received (the writer stores a bounded copy)
 */
public record DeadLetter(
        String topic, int partition, long offset, String key, byte[] value, String reason, String detail) {

    public static DeadLetter of(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        return new DeadLetter(
                record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason, detail);
    }
}
