package io.openjims.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Reads a whole (small, compacted) topic from the beginning and then follows it, on a thread of its own, handing every
 * record to a callback. No consumer group: each replica reads every partition. A missing topic or a broker away is
 * retried after a back-off. Kafka settings: every {@code kafka.*} property, then those under the caller's prefix.
 */
public final class CompactedTopicReader {

    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Config config;
    private final String settingsPrefix;
    private final String topic;
    private final Duration retryBackoff;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile String problem = "not started";
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public CompactedTopicReader(
            Config config, String topic, Duration retryBackoff, Consumer<ConsumerRecord<String, byte[]>> handler) {
        this(config, null, topic, retryBackoff, handler);
    }

    /** {@code settingsPrefix}: Kafka properties under it override {@code kafka.*} (null: none). */
    public CompactedTopicReader(
            Config config,
            String settingsPrefix,
            String topic,
            Duration retryBackoff,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.config = config;
        this.settingsPrefix = settingsPrefix;
        this.topic = topic;
        this.retryBackoff = retryBackoff;
        this.handler = handler;
    }

    /** Starts the reading thread (named after the topic). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "read-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading; waits up to five seconds for the thread. */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once every record present when reading started has been handed over. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the reader is not caught up, or null. */
    public String problem() {
        return problem;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                problem = "reading " + topic + " failed: " + e.getMessage();
                LOG.warnf("%s; retrying", problem);
            } finally {
                consumer = null;
            }
            sleepBackoff();
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        var infos = c.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            problem = "topic " + topic + " not found (create it: see deploy/README.md)";
            LOG.warnf("%s; retrying", problem);
            return;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    LOG.warnf(
                            "Skipped a record of %s at partition %d offset %d: %s",
                            record.topic(), record.partition(), record.offset(), e.getMessage());
                }
            }
            if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                problem = null;
                LOG.infof("Read %s to its end; following it", topic);
            }
        }
    }

    private Map<String, Object> settings() {
        return KafkaClientSettings.consumer(
                config,
                settingsPrefix,
                Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "read-" + topic + "-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        "false",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName()));
    }

    private void sleepBackoff() {
        long until = System.nanoTime() + retryBackoff.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
