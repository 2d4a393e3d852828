package io.openjims.collector.ingest.service;

import io.openjims.collector.events.service.EventGuard;
import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.events.service.KafkaMonitor;
import io.openjims.collector.ingest.config.IngestConfig;
import io.openjims.collector.ingest.service.IngestCounters.Outcome;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a batch from any HTTP format, publishes the valid events and completes only when Kafka acknowledged all
 * of them. While Kafka is known to be down, or when it does not acknowledge within the configured wait, the batch
 * fails with {@link IngestUnavailableException} (the client answers 503 and retries).
 */
@ApplicationScoped
public class IngestService {

    private final EventPublisher publisher;
    private final SourceHealth health;
    private final IngestCounters counters;
    private final IngestConfig config;
    private final CollectorIdentity identity;
    private final EventGuard guard;
    private final Clock clock = Clock.systemUTC();

    public IngestService(
            EventPublisher publisher,
            SourceHealth health,
            IngestCounters counters,
            IngestConfig config,
            CollectorIdentity identity,
            EventGuard guard) {
        this.publisher = publisher;
        this.health = health;
        this.counters = counters;
        this.config = config;
        this.identity = identity;
        this.guard = guard;
    }

    public int maxBatch() {
        return config.maxBatch();
    }

    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    /**
     * Validates and publishes the items of one request.
     *
     * @param producerName who sent them (ingest client name or token subject), recorded as the event's source
     * @param scope what the producer may claim: events outside it are rejected, asserted roles dropped unless trusted
     */
    public Uni<IngestResult> ingest(
            IngestFormat format, String producerName, ProducerScope scope, List<ParsedItem> items) {
        if (items.size() > config.maxBatch()) {
            throw new BatchTooLargeException(items.size(), config.maxBatch());
        }
        counters.add(format, Outcome.RECEIVED, items.size());
        IdentityEventFactory factory = new IdentityEventFactory(
                clock, new EventSource(identity.id(), format.kind(), producerName, identity.site()));
        List<IdentityEvent> events = new ArrayList<>(items.size());
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ParsedItem parsed = items.get(i);
            ItemResult result = parsed.error() != null
                    ? new ItemResult.Rejected(i, parsed.error(), IdentityEventFactory.INVALID)
                    : factory.create(i, parsed.item());
            if (result instanceof ItemResult.Accepted accepted) {
                EventGuard.Verdict verdict = guard.check(format.kind(), accepted.event());
                ProducerScope.Refusal outside = scope.refusal(accepted.event());
                if (outside != null) {
                    counters.outOfScope(format, outside.reason());
                    rejected.add(new IngestResult.Rejection(i, outside.message()));
                } else if (verdict instanceof EventGuard.Accepted ok) {
                    IdentityEvent event = ok.event();
                    if (scope.dropsRolesOf(event)) {
                        counters.rolesDropped(format);
                        event = event.withRoles(null);
                    }
                    events.add(event);
                } else if (verdict instanceof EventGuard.Refused refused) {
                    rejected.add(new IngestResult.Rejection(i, refused.detail()));
                }
            } else if (result instanceof ItemResult.Rejected refusal) {
                counters.rejected(format, refusal.reason());
                rejected.add(new IngestResult.Rejection(refusal.index(), refusal.error()));
            }
        }
        counters.add(format, Outcome.REJECTED, rejected.size());
        if (events.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, List.copyOf(rejected)));
        }
        if (health.isFailing(KafkaMonitor.SOURCE)) {
            String kafkaFailure = health.failures().getOrDefault(KafkaMonitor.SOURCE, "unreachable");
            counters.add(format, Outcome.FAILED, events.size());
            return Uni.createFrom()
                    .failure(new IngestUnavailableException("Kafka is unavailable (" + kafkaFailure
                            + "); nothing of this request was stored, send it again later"));
        }
        return publisher
                .publishAll(events)
                .ifNoItem()
                .after(config.ackTimeout())
                .failWith(() -> {
                    health.failing(
                            KafkaMonitor.SOURCE,
                            "no acknowledgement within " + config.ackTimeout().toMillis() + " ms");
                    return new IngestUnavailableException("Kafka did not acknowledge the events within "
                            + config.ackTimeout().toMillis()
                            + " ms; this request is not guaranteed stored, send it again later");
                })
                .onFailure(EventPublisher.OverloadedException.class)
                .transform(failure ->
                        new IngestUnavailableException("too many events wait for Kafka; send them again later"))
                .onFailure(failure -> !(failure instanceof IngestUnavailableException))
                .transform(failure -> new IngestUnavailableException("Kafka did not accept the events ("
                        + failure.getClass().getSimpleName() + "); send them again later"))
                .onFailure()
                .invoke(() -> counters.add(format, Outcome.FAILED, events.size()))
                .map(ignored -> {
                    counters.add(format, Outcome.ACCEPTED, events.size());
                    return new IngestResult(events.size(), List.copyOf(rejected));
                });
    }
}
