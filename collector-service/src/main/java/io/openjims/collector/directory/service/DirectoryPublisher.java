package io.openjims.collector.directory.service;

import io.openjims.collector.config.Channels;
import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.collector.directory.sync.Publication;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.model.DirectoryObject;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes directory objects to the directory topic (compacted) under {@code domain/kind/guid}; a deleted object is a
 * record with a null value. Blocking: returns when Kafka acknowledged every record (acks=all, idempotent producer).
 */
@ApplicationScoped
public class DirectoryPublisher {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final MutinyEmitter<Record<String, DirectoryObject>> emitter;
    private final int batch;
    private final CollectorIdentity identity;

    public DirectoryPublisher(
            @Channel(Channels.DIRECTORY_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
                    MutinyEmitter<Record<String, DirectoryObject>> emitter,
            DirectoryConfig config,
            CollectorIdentity identity) {
        this.emitter = emitter;
        this.identity = identity;
        this.batch = Math.max(1, Math.min(config.publishBatch(), 8192));
    }

    /**
     * Sends the records in order, a batch at a time, stamped with this collector's site; throws when any was not
     * acknowledged.
     */
    public void publish(List<Publication> publications) {
        String site = identity.site();
        for (int from = 0; from < publications.size(); from += batch) {
            List<Publication> chunk = publications.subList(from, Math.min(publications.size(), from + batch));
            List<Uni<Void>> sends = new ArrayList<>(chunk.size());
            for (Publication p : chunk) {
                sends.add(emitter.sendMessage(Message.of(
                        Record.of(p.key(), p.value() == null ? null : p.value().withSite(site)))));
            }
            Uni.join().all(sends).andFailFast().await().atMost(TIMEOUT);
        }
    }
}
