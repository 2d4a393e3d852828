package io.openjims.collector.status.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * When the heartbeat goes out: once at startup, every {@code openjims.collector.heartbeat-interval} (30 s) and at once
 * on every state change. Nothing is sent before startup completed: the heartbeat's Kafka emitter exists only once
 * messaging is wired (its startup observer runs before this one's default priority). A clean shutdown sends a last
 * heartbeat with state {@code stopped} (before messaging closes, which happens when the application scope ends).
 */
@ApplicationScoped
public class HeartbeatSchedule {

    private static final Logger LOG = Logger.getLogger(HeartbeatSchedule.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final CollectorHeartbeat heartbeat;
    private volatile boolean started;

    public HeartbeatSchedule(CollectorHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        heartbeat.publishSoon();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!started) {
            return;
        }
        started = false;
        try {
            heartbeat.publishStopped().await().atMost(STOP_TIMEOUT);
            LOG.info("Published the stopped heartbeat");
        } catch (RuntimeException e) {
            LOG.warnf("Stopped heartbeat not published: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${openjims.collector.heartbeat-interval}", delayed = "${openjims.collector.heartbeat-interval}")
    Uni<Void> onSchedule() {
        return started ? heartbeat.publishQuietly() : Uni.createFrom().voidItem();
    }

    void onStateChange(@ObservesAsync CollectorStateChanged change) {
        LOG.infof(
                "Collector state %s -> %s",
                change.previous().wireName(), change.current().wireName());
        if (started) {
            heartbeat.publishSoon();
        }
    }
}
