package io.openjims.collector.events.service;

import io.openjims.collector.events.config.KafkaDeliveryConfig;
import io.openjims.collector.status.service.SourceHealth;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private final KafkaDeliveryConfig config;
    private final Admin admin;
    private volatile boolean started;

    public KafkaMonitor(
            SourceHealth health,
            KafkaDeliveryConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.health = health;
        this.config = config;
        int timeoutMs = (int) config.checkTimeout().toMillis();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.CLIENT_ID_CONFIG, "collector-kafka-monitor"));
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(
            every = "${openjims.collector.kafka.check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (started) {
            check();
        }
    }

    /** Probes the cluster once and records the outcome; returns true when it answered. */
    public boolean check() {
        long timeoutMs = config.checkTimeout().toMillis();
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes()
                    .get(timeoutMs + 500, TimeUnit.MILLISECONDS);
            if (health.recovered(SOURCE)) {
                LOG.info("Kafka is reachable again");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String error = "unreachable: " + cause.getClass().getSimpleName();
            if (health.failing(SOURCE, error)) {
                LOG.warnf("Kafka is %s", error);
            }
            return false;
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
