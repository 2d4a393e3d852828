package io.openjims.collector.syslog.service;

import io.openjims.collector.config.Channels;
import io.openjims.collector.events.service.IdentityEventJson;
import io.openjims.model.IdentityEvent;
import io.quarkus.arc.ClientProxy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Sends syslog events to the events topic with a Kafka producer of their own, built from the events channel's
 * settings ({@code kafka.*} overridden by {@code mp.messaging.outgoing.identity-events-out.*}: acks=all, idempotence,
 * compression, batching). Batches are handed over in one call and acknowledged by plain producer callbacks; an event
 * Kafka refuses is sent again with back-off until it is acknowledged, so nothing accepted is given up while the
 * collector runs. Callers bound what they hand over (the listeners' in-flight windows), which bounds memory.
 *
 * <p>Events are serialized on the caller's thread (the listeners' event loops, in parallel); the sends happen on one
 * thread of this class, so a producer waiting for metadata while Kafka is unreachable never blocks an event loop.
 */
@ApplicationScoped
public class SyslogKafkaSender {

    private static final Logger LOG = Logger.getLogger(SyslogKafkaSender.class);
    private static final String CHANNEL_PREFIX = "mp.messaging.outgoing." + Channels.EVENTS_OUT + ".";
    private static final String GLOBAL_PREFIX = "kafka.";
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 10_000;
    private static final long LOG_EVERY_MS = 10_000;

    private final Config config;
    private final SyslogCounters counters;
    private final String topic;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicLong lastFailureLog = new AtomicLong();
    private Producer<String, byte[]> producer;
    private volatile boolean closed;

    public SyslogKafkaSender(Config config, SyslogCounters counters) {
        this.config = config;
        // Called per message: the beans themselves, not their client proxies (a context lookup per call).
        this.counters = ClientProxy.unwrap(counters);
        this.topic = config.getValue(CHANNEL_PREFIX + "topic", String.class);
        this.thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread sender = new Thread(task, "syslog-kafka-sender");
            sender.setDaemon(true);
            return sender;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loadNativeLz4();
    }

    /**
     * Kafka's lz4 codec takes lz4-java's JNI compressor only when lz4-java is on the system class path (not so in a
     * Quarkus application) or its native library was loaded already; otherwise it falls back to the pure-Java one,
     * several times slower. Loading it here makes every producer of the process use it; where it is unavailable,
     * nothing changes.
     */
    static void loadNativeLz4() {
        try {
            Class<?> factory = Class.forName("net.jpountz.lz4.LZ4Factory", true, KafkaProducer.class.getClassLoader());
            Object instance = factory.getMethod("nativeInstance").invoke(null);
            LOG.debugf("lz4 compression: %s", instance);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.infof("lz4 native compressor unavailable, Kafka compresses with the Java one: %s", e);
        }
    }

    /**
     * Sends the events (in order) and runs {@code onAcked} once Kafka acknowledged all of them, on a Kafka client
     * thread: callers hop back to their own thread. Never fails; refused events are retried.
     */
    public void publish(List<IdentityEvent> events, Runnable onAcked) {
        if (events.isEmpty()) {
            onAcked.run();
            return;
        }
        Batch batch = new Batch(events.size(), onAcked);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (IdentityEvent event : events) {
            records.add(new ProducerRecord<>(topic, event.key(), IdentityEventJson.toBytes(event)));
        }
        execute(() -> {
            for (ProducerRecord<String, byte[]> record : records) {
                send(record, batch, FIRST_RETRY_MS);
            }
        });
    }

    /** Stops sending: waits a little for what is in flight, then closes the producer. */
    @PreDestroy
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.execute(() -> {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
                producer = null;
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(ProducerRecord<String, byte[]> record, Batch batch, long retryDelay) {
        if (closed && producer == null) {
            return;
        }
        try {
            producer().send(record, (metadata, failure) -> {
                if (failure == null) {
                    counters.published();
                    batch.acked();
                } else {
                    retry(record, batch, retryDelay, failure);
                }
            });
        } catch (RuntimeException failure) {
            retry(record, batch, retryDelay, failure);
        }
    }

    private void retry(ProducerRecord<String, byte[]> record, Batch batch, long delay, Throwable failure) {
        if (closed) {
            return;
        }
        counters.publishRetried();
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last >= LOG_EVERY_MS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warnf(
                    "syslog events not acknowledged by Kafka, sending again (every %d ms at most): %s",
                    MAX_RETRY_MS, failure.toString());
        }
        long next = Math.min(delay * 2, MAX_RETRY_MS);
        try {
            thread.schedule(() -> send(record, batch, next), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debugf("syslog event not sent again: the collector stops");
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.debugf("syslog events not sent: the collector stops");
        }
    }

    /** Created on first use, on the sender thread; a failure (e.g. an unresolvable bootstrap address) is retried. */
    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    Map<String, Object> producerConfig() {
        Set<String> known = ProducerConfig.configNames();
        Map<String, Object> global = new HashMap<>();
        Map<String, Object> channel = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(GLOBAL_PREFIX) && known.contains(name.substring(GLOBAL_PREFIX.length()))) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> global.put(name.substring(GLOBAL_PREFIX.length()), value));
            } else if (name.startsWith(CHANNEL_PREFIX) && known.contains(name.substring(CHANNEL_PREFIX.length()))) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> channel.put(name.substring(CHANNEL_PREFIX.length()), value));
            }
        }
        Map<String, Object> settings = new HashMap<>(global);
        settings.putAll(channel);
        config.getOptionalValue(GLOBAL_PREFIX + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.class)
                .ifPresent(value -> settings.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value));
        settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "openjims-collector-syslog");
        settings.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        settings.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A send waiting for metadata (Kafka unreachable) gives up after this and is retried.
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return settings;
    }

    /** Counts the acknowledgements of one handed-over batch. */
    private static final class Batch {

        private final AtomicInteger remaining;
        private final Runnable onAcked;

        Batch(int size, Runnable onAcked) {
            this.remaining = new AtomicInteger(size);
            this.onAcked = onAcked;
        }

        void acked() {
            if (remaining.decrementAndGet() == 0) {
                onAcked.run();
            }
        }
    }
}
