package io.openjims.collector.events.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.config.CollectorConfig;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.model.IdentityEvent;
import io.openjims.support.kafka.KafkaClientSettings;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The one producer of the events topic, keyed by IP, for every source. Settings: {@code kafka.*} overridden by
 * {@value #SETTINGS_PREFIX}{@code *} (acks=all, idempotence, compression, batching). Two call styles:
 *
 * <ul>
 *   <li>{@link #publishUntilAcked} (syslog): a batch handed over in one call; an event Kafka refuses is sent again
 *       with back-off until it is acknowledged, so nothing accepted is given up while the collector runs. Callers
 *       bound what they hand over (the listeners' in-flight windows), which bounds memory.
 *   <li>{@link #publishAll} (HTTP ingest): each event is sent once; the Uni completes when Kafka acknowledged all and
 *       fails when it refused one (which also marks source {@code kafka} failing). At most {@link #MAX_IN_FLIGHT}
 *       such events wait at once; beyond that a publish fails at once with {@link OverloadedException}.
 * </ul>
 *
 * <p>Events are serialized on the caller's thread (in parallel); the sends happen on one thread of this class, so a
 * producer waiting for metadata while Kafka is unreachable never blocks an event loop.
 */
@ApplicationScoped
public class EventPublisher {

    /** Ingest events handed to the producer and not yet acknowledged or refused. */
    public static final int MAX_IN_FLIGHT = 100_000;

    // Outside the openjims.collector mapping root, which refuses names it does not know.
    static final String SETTINGS_PREFIX = "openjims.producer.events.";

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 10_000;
    private static final long LOG_EVERY_MS = 10_000;

    /** What a {@link #publishUntilAcked} caller hears per event; called on a Kafka client thread. */
    public interface Acks {
        /** One event was acknowledged. */
        void published();

        /** One event was refused and will be sent again. */
        void publishRetried();
    }

    /** The publish was refused because too many events already wait for Kafka; try again later. */
    public static class OverloadedException extends RuntimeException {
        public OverloadedException() {
            super("more than " + MAX_IN_FLIGHT + " events wait for Kafka", null, false, false);
        }
    }

    private final Config config;
    private final SourceHealth health;
    private final String topic;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicLong lastFailureLog = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private Producer<String, byte[]> producer;
    private volatile boolean closed;

    public EventPublisher(Config config, CollectorConfig collector, SourceHealth health, MeterRegistry registry) {
        this.config = config;
        this.health = health;
        this.topic = collector.topics().events();
        this.thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread sender = new Thread(task, "identity-events-sender");
            sender.setDaemon(true);
            return sender;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        registry.gauge("openjims.collector.events.in.flight", inFlight);
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
    public void publishUntilAcked(List<IdentityEvent> events, Acks acks, Runnable onAcked) {
        if (events.isEmpty()) {
            onAcked.run();
            return;
        }
        Batch batch = new Batch(events.size(), onAcked);
        List<ProducerRecord<String, byte[]>> records = records(events);
        execute(() -> {
            for (ProducerRecord<String, byte[]> record : records) {
                sendUntilAcked(record, batch, acks, FIRST_RETRY_MS);
            }
        });
    }

    /** Publishes all events once each; completes when every one was acknowledged, fails if any was not. */
    public Uni<Void> publishAll(List<IdentityEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            int size = events.size();
            if (inFlight.addAndGet(size) > MAX_IN_FLIGHT) {
                inFlight.addAndGet(-size);
                emitter.fail(new OverloadedException());
                return;
            }
            List<ProducerRecord<String, byte[]>> records = records(events);
            AtomicInteger remaining = new AtomicInteger(size);
            AtomicBoolean failed = new AtomicBoolean();
            Runnable sendAll = () -> {
                for (ProducerRecord<String, byte[]> record : records) {
                    sendOnce(record, failure -> {
                        inFlight.decrementAndGet();
                        if (failure != null) {
                            health.failing(
                                    KafkaMonitor.SOURCE,
                                    "send failed: " + failure.getClass().getSimpleName());
                            if (failed.compareAndSet(false, true)) {
                                emitter.fail(failure);
                            }
                        } else if (remaining.decrementAndGet() == 0 && !failed.get()) {
                            emitter.complete(null);
                        }
                    });
                }
            };
            try {
                thread.execute(sendAll);
            } catch (RejectedExecutionException stopping) {
                inFlight.addAndGet(-size);
                emitter.fail(new IllegalStateException("the collector stops"));
            }
        });
    }

    /** Ingest events waiting for Kafka right now. */
    public int inFlight() {
        return inFlight.get();
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

    private List<ProducerRecord<String, byte[]>> records(List<IdentityEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (IdentityEvent event : events) {
            records.add(new ProducerRecord<>(topic, event.key(), IdentityEventJson.toBytes(event)));
        }
        return records;
    }

    private interface Outcome {
        void settled(Exception failure);
    }

    private void sendOnce(ProducerRecord<String, byte[]> record, Outcome outcome) {
        if (closed && producer == null) {
            outcome.settled(new IllegalStateException("the collector stops"));
            return;
        }
        try {
            producer().send(record, (metadata, failure) -> outcome.settled(failure));
        } catch (RuntimeException failure) {
            outcome.settled(failure);
        }
    }

    private void sendUntilAcked(ProducerRecord<String, byte[]> record, Batch batch, Acks acks, long retryDelay) {
        if (closed && producer == null) {
            return;
        }
        sendOnce(record, failure -> {
            if (failure == null) {
                acks.published();
                batch.acked();
            } else {
                retry(record, batch, acks, retryDelay, failure);
            }
        });
    }

    private void retry(ProducerRecord<String, byte[]> record, Batch batch, Acks acks, long delay, Throwable failure) {
        if (closed) {
            return;
        }
        acks.publishRetried();
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last >= LOG_EVERY_MS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warnf(
                    "identity events not acknowledged by Kafka, sending again (every %d ms at most): %s",
                    MAX_RETRY_MS, failure.toString());
        }
        long next = Math.min(delay * 2, MAX_RETRY_MS);
        try {
            thread.schedule(() -> sendUntilAcked(record, batch, acks, next), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debugf("identity event not sent again: the collector stops");
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.debugf("identity events not sent: the collector stops");
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
        Map<String, Object> settings = KafkaClientSettings.producer(
                config, SETTINGS_PREFIX, Map.of(ProducerConfig.CLIENT_ID_CONFIG, "openjims-collector-events"));
        settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
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
