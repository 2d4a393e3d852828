package io.openjims.collector.events.service;

import io.openjims.collector.events.config.KafkaDeliveryConfig;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.support.kafka.KafkaClientSettings;
import io.openjims.support.kafka.KafkaProbe;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Probes the Kafka cluster on a schedule and reports the result as source {@value #SOURCE} to {@link SourceHealth}:
 * failing while the cluster does not answer (the collector is then {@code degraded} and HTTP ingest answers 503 at
 * once), recovered when it answers again.
 */
@ApplicationScoped
public class KafkaMonitor {

    public static final String SOURCE = "kafka";

    private static final Logger LOG = Logger.getLogger(KafkaMonitor.class);

    private final SourceHealth health;
    private final KafkaProbe probe;
    private volatile boolean started;

    public KafkaMonitor(SourceHealth health, KafkaDeliveryConfig config, Config settings) {
        this.health = health;
        this.probe = new KafkaProbe(
                KafkaClientSettings.from(settings, null), "collector-kafka-monitor", config.checkTimeout());
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(
            every = "${openjims.collector.kafka.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (started) {
            check();
        }
    }

    /** Probes the cluster once and records the outcome; returns true when it answered. */
    public boolean check() {
        KafkaProbe.Result result = probe.probe();
        if (result.up()) {
            if (health.recovered(SOURCE)) {
                LOG.info("Kafka is reachable again");
            }
            return true;
        }
        if (!"interrupted".equals(result.error()) && health.failing(SOURCE, result.error())) {
            LOG.warnf("Kafka is %s", result.error());
        }
        return false;
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
