package io.openjims.collector.events.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.config.Channels;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.model.IdentityEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes identity events to the events topic, keyed by IP. Every source (syslog, HTTP ingest) goes through here;
 * the returned Uni completes only when Kafka acknowledged the event (acks=all, idempotent producer) and fails when
 * Kafka refused it (which also marks source {@code kafka} failing). Callers bound their own wait.
 *
 * <p>At most {@link #MAX_IN_FLIGHT} events wait for Kafka at once; beyond that a publish fails at once with
 * {@link OverloadedException} (nothing is queued). The emitter's own buffer is unbounded on purpose: a bounded one
 * that overflows fails the whole channel for good.
 */
@ApplicationScoped
public class EventPublisher {

    /** Events handed to the producer and not yet acknowledged or refused. */
    public static final int MAX_IN_FLIGHT = 100_000;

    private final MutinyEmitter<IdentityEvent> emitter;
    private final SourceHealth health;
    private final AtomicInteger inFlight = new AtomicInteger();

    public EventPublisher(
            @Channel(Channels.EVENTS_OUT) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<IdentityEvent> emitter,
            SourceHealth health,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.health = health;
        registry.gauge("openjims.collector.events.in.flight", inFlight);
    }

    /** The publish was refused because too many events already wait for Kafka; try again later. */
    public static class OverloadedException extends RuntimeException {
        public OverloadedException() {
            super("more than " + MAX_IN_FLIGHT + " events wait for Kafka", null, false, false);
        }
    }

    public Uni<Void> publish(IdentityEvent event) {
        return Uni.createFrom().deferred(() -> {
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                return Uni.createFrom().failure(new OverloadedException());
            }
            Message<IdentityEvent> message = Message.of(event, this::settled, failure -> settled())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(event.key())
                            .build());
            return emitter.sendMessage(message)
                    .onFailure()
                    .invoke(failure -> health.failing(
                            KafkaMonitor.SOURCE,
                            "send failed: " + failure.getClass().getSimpleName()));
        });
    }

    /** Publishes all events; completes when every one was acknowledged, fails if any was not. */
    public Uni<Void> publishAll(List<IdentityEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (IdentityEvent event : events) {
            sends.add(publish(event));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /** Events waiting for Kafka right now. */
    public int inFlight() {
        return inFlight.get();
    }

    private CompletionStage<Void> settled() {
        inFlight.decrementAndGet();
        return CompletableFuture.completedFuture(null);
    }
}
