package io.openjims.query.view.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.query.config.QueryConfig;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.kafka.CheckpointedConsumer;
import io.openjims.query.view.repository.DeadLetterJdbcRepository;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Runs this replica's view consumers of identity.events and identity.directory. Replicas share the consumer groups;
 * the checkpoints in PostgreSQL make each record's effect happen exactly once.
 */
@ApplicationScoped
public class ViewConsumers {

    public static final String EVENTS = "events";
    public static final String DIRECTORY = "directory";

    private final AgroalDataSource dataSource;
    private final EventMaterializer events;
    private final DirectoryRecordHandler directory;
    private final DeadLetterJdbcRepository deadLetters;
    private final ViewConfig config;
    private final QueryConfig queryConfig;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final List<CheckpointedConsumer> eventsConsumers = new ArrayList<>();
    private CheckpointedConsumer directoryConsumer;

    public ViewConsumers(
            AgroalDataSource dataSource,
            EventMaterializer events,
            DirectoryRecordHandler directory,
            DeadLetterJdbcRepository deadLetters,
            ViewConfig config,
            QueryConfig queryConfig,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.events = events;
        this.directory = directory;
        this.deadLetters = deadLetters;
        this.config = config;
        this.queryConfig = queryConfig;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.consumersEnabled()) {
            startAll();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopAll();
    }

    public synchronized void startAll() {
        if (eventsConsumers.isEmpty()) {
            for (int i = 0; i < Math.max(1, config.eventsConsumers()); i++) {
                CheckpointedConsumer consumer = newEventsConsumer(i);
                eventsConsumers.add(consumer);
                consumer.start();
            }
        }
        if (directoryConsumer == null) {
            directoryConsumer = newDirectoryConsumer();
            directoryConsumer.start();
        }
    }

    public synchronized void stopAll() {
        eventsConsumers.forEach(CheckpointedConsumer::close);
        eventsConsumers.clear();
        if (directoryConsumer != null) {
            directoryConsumer.close();
            directoryConsumer = null;
        }
    }

    /** A new, not yet started consumer of identity.events in this service's group (another "replica"). */
    public CheckpointedConsumer newEventsConsumer() {
        return newEventsConsumer(-1);
    }

    /** Consumer {@code index} of this replica (its static member id when the replica has one; -1: dynamic). */
    private CheckpointedConsumer newEventsConsumer(int index) {
        return new CheckpointedConsumer(
                EVENTS,
                queryConfig.topics().events(),
                kafkaConfig(EVENTS, index),
                dataSource,
                deadLetters,
                events::apply);
    }

    /** A new, not yet started consumer of identity.directory in this service's group. */
    public CheckpointedConsumer newDirectoryConsumer() {
        return new CheckpointedConsumer(
                DIRECTORY,
                queryConfig.topics().directory(),
                kafkaConfig(DIRECTORY, 0),
                dataSource,
                deadLetters,
                directory::apply,
                new DirectoryRebuild());
    }

    /** The directory view is rebuilt from identity.directory when it may have missed tombstones. */
    private final class DirectoryRebuild implements CheckpointedConsumer.StateRebuild {
        @Override
        public Duration deleteRetention() {
            return config.tombstoneRetention();
        }

        @Override
        public Set<String> storedKeys(Connection c) throws SQLException {
            return directory.storedKeys(c);
        }

        @Override
        public void rebuilt(String reason) {
            Counter.builder("openjims.query.full.rebuilds")
                    .description("Full rebuilds of a view from the beginning of its compacted topic, by reason")
                    .tag("consumer", DIRECTORY)
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
        }
    }

    private Map<String, Object> kafkaConfig(String name, int index) {
        return consumerSettings(kafka, config, name, index);
    }

    /**
     * Settings of view consumer {@code name} number {@code index}: with an {@link ViewConfig#instanceId()} and an
     * index of 0 or more, a static member {@code <instance id>-<name>-<index>} (client id the same); else dynamic,
     * with a random client id.
     */
    static Map<String, Object> consumerSettings(Map<String, Object> kafka, ViewConfig config, String name, int index) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId() + "-" + name);
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        overrides.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                config.consumerSessionTimeout().toMillis());
        if (config.instanceId().isPresent() && index >= 0) {
            String member = config.instanceId().get() + "-" + name + "-" + index;
            overrides.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, member);
            overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-view-" + member);
        } else {
            overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-view-" + name + "-" + UUID.randomUUID());
        }
        return KafkaClientSettings.only(kafka, ConsumerConfig.configNames(), overrides);
    }
}
