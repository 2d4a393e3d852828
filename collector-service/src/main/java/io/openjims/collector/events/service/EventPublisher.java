package io.openjims.collector.events.service;

import io.openjims.collector.config.Channels;
import io.openjims.model.IdentityEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes identity events to the events topic, keyed by IP. Every source (syslog, HTTP ingest) goes through here;
 * the returned Uni completes only when Kafka acknowledged the event (acks=all, idempotent producer).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<IdentityEvent> emitter;

    public EventPublisher(@Channel(Channels.EVENTS_OUT) MutinyEmitter<IdentityEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IdentityEvent event) {
        Message<IdentityEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.key())
                        .build());
        return emitter.sendMessage(message);
    }

    /** Publishes all events; completes when every one was acknowledged, fails if any was not. */
    public Uni<Void> publishAll(List<IdentityEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(events.stream().map(this::publish).toList())
                .andFailFast()
                .replaceWithVoid();
    }
}
