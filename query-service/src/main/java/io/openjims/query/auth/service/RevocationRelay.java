package io.openjims.query.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.model.TokenRevocation;
import io.openjims.model.kafka.TokenRevocationSerializer;
import io.openjims.query.auth.repository.RevocationJdbcRepository;
import io.openjims.query.config.QueryConfig;
import io.openjims.support.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the revocation outbox ({@code query.token_revocation}) to the revocation topic: right after a client is
 * deleted or rotated ({@link #wakeUp()}), and every {@code openjims.query.auth.revocation-relay-interval} for rows a
 * failed round left behind (broker away, replica crashed after commit). A row is marked published only after the
 * broker acknowledged it. One replica relays at a time (advisory lock), each round reading the rows' current values,
 * so the newest revocation of a client is always the last record the compacted topic keeps.
 */
@ApplicationScoped
public class RevocationRelay {

    private static final Logger LOG = Logger.getLogger(RevocationRelay.class);
    private static final int BATCH = 500;

    private final RevocationJdbcRepository repository;
    private final AuthConfig config;
    private final String topic;
    private final Map<String, Object> kafka;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);
    private volatile KafkaProducer<String, TokenRevocation> producer;
    private volatile boolean running;
    private Thread thread;

    public RevocationRelay(
            RevocationJdbcRepository repository,
            AuthConfig config,
            QueryConfig queryConfig,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.repository = repository;
        this.config = config;
        this.topic = queryConfig.topics().tokenRevocations();
        this.kafka = kafka;
        this.published = Counter.builder("openjims.auth.revocations.published")
                .description("Token revocations published to the revocation topic")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        Map<String, Object> c = KafkaClientSettings.only(
                kafka,
                ProducerConfig.configNames(),
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        20_000,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "query-revocations-" + UUID.randomUUID()));
        producer = new KafkaProducer<>(c, new StringSerializer(), new TokenRevocationSerializer());
        running = true;
        thread = new Thread(this::loop, "revocation-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    /** Asks for a round now (after a commit that wrote a revocation). */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                while (running && relayOnce() == BATCH) {
                    // a full batch: more may be waiting
                }
            } catch (Exception e) {
                LOG.warnf("Publishing token revocations to %s failed (%s); retrying", topic, e.toString());
            }
            try {
                wake.tryAcquire(config.revocationRelayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: publishes the unpublished rows and marks them. Returns how many were published. */
    public int relayOnce() throws Exception {
        KafkaProducer<String, TokenRevocation> p = producer;
        if (p == null) {
            return 0;
        }
        try (Connection c = repository.connection()) {
            c.setAutoCommit(false);
            try {
                if (!repository.tryRelayLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<RevocationJdbcRepository.Pending> rows = repository.unpublished(c, BATCH);
                if (rows.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                for (RevocationJdbcRepository.Pending row : rows) {
                    TokenRevocation value = new TokenRevocation(
                            UUID.randomUUID().toString(),
                            TokenRevocation.SCHEMA_VERSION,
                            row.clientId(),
                            row.notBefore(),
                            row.reason());
                    acks.add(p.send(new ProducerRecord<>(topic, value.key(), value)));
                }
                p.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // throws when the broker did not take it: the row stays unpublished
                }
                for (RevocationJdbcRepository.Pending row : rows) {
                    repository.markPublished(c, row);
                }
                c.commit();
                published.increment(rows.size());
                return rows.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
