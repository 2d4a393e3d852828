package io.openjims.query.relay.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.model.SessionState;
import io.openjims.model.kafka.SessionStateSerializer;
import io.openjims.query.config.QueryConfig;
import io.openjims.query.relay.repository.RelayJdbcRepository;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.repository.AdvisoryLocks;
import io.openjims.support.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The outbox relay: publishes change-log rows in sequence order to identity.sessions (key IP; a {@link SessionState}
 * for a logon, null for a logoff) and records the last published sequence afterwards, so a crash between publish and
 * record only republishes (at least once). Each round holds a transaction-scoped advisory lock: one replica relays at
 * a time.
 */
@ApplicationScoped
public class SessionRelay {

    private static final Logger LOG = Logger.getLogger(SessionRelay.class);
    private static final int BATCH = 1000;

    private final AgroalDataSource dataSource;
    private final RelayJdbcRepository relayState;
    private final ViewConfig config;
    private final String topic;
    private final Map<String, Object> kafka;
    private final Counter published;
    private KafkaProducer<String, SessionState> producer;
    private volatile boolean running;
    private Thread thread;

    public SessionRelay(
            AgroalDataSource dataSource,
            RelayJdbcRepository relayState,
            ViewConfig config,
            QueryConfig queryConfig,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.relayState = relayState;
        this.config = config;
        this.topic = queryConfig.topics().sessions();
        this.kafka = kafka;
        this.published = Counter.builder("openjims.query.relay.published")
                .description("Change-log rows published to identity.sessions")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> c = KafkaClientSettings.only(
                kafka,
                ProducerConfig.configNames(),
                Map.of(
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                        ProducerConfig.CLIENT_ID_CONFIG, "query-relay-" + UUID.randomUUID()));
        producer = new KafkaProducer<>(c, new StringSerializer(), new SessionStateSerializer());
        running = true;
        thread = new Thread(this::loop, "session-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops relaying; a round in flight either completes or rolls back (and is republished later). */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    private void loop() {
        long pauseMs = Math.max(10, config.relayInterval().toMillis());
        while (running) {
            int n;
            try {
                n = relayOnce(true);
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Relay to %s failed (%s); retrying", topic, e.toString());
                n = 0;
                pauseMs = 1_000;
            }
            if (n < BATCH) {
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    return;
                }
                pauseMs = Math.max(10, config.relayInterval().toMillis());
            }
        }
    }

    /**
     * One round: publishes up to a batch of unpublished rows and waits for the broker's acknowledgements.
     *
     * @param record whether to record the progress; false simulates a crash right after publishing
     * @return rows published, 0 when nothing was new or another replica holds the relay lock
     */
    public int relayOnce(boolean record) throws Exception {
        KafkaProducer<String, SessionState> p = producer;
        if (p == null) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!AdvisoryLocks.tryTransactionLock(c, AdvisoryLocks.RELAY)) {
                    c.rollback();
                    return 0;
                }
                long last = relayState.lockLastPublished(c);
                List<RelayJdbcRepository.Change> changes = relayState.changesAfter(c, last, BATCH);
                if (changes.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(changes.size());
                for (RelayJdbcRepository.Change change : changes) {
                    acks.add(p.send(new ProducerRecord<>(topic, change.ip(), change.state())));
                }
                p.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // throws if the broker did not take the record: nothing is recorded then
                }
                if (!record) {
                    c.rollback();
                    return changes.size();
                }
                relayState.recordPublished(c, changes.get(changes.size() - 1).seq());
                c.commit();
                published.increment(changes.size());
                return changes.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The last sequence number recorded as published. */
    public long lastPublished() throws SQLException {
        return relayState.lastPublished();
    }
}
