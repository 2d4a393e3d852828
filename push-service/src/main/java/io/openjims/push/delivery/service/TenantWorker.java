package io.openjims.push.delivery.service;

import io.openjims.push.delivery.repository.DeliveryJdbcRepository;
import io.openjims.push.delivery.repository.DeliveryState;
import io.openjims.push.delivery.service.WorkerControl.HorizonPassed;
import io.openjims.push.delivery.service.WorkerControl.ResyncRequested;
import io.openjims.push.delivery.service.WorkerControl.Stop;
import io.openjims.support.kafka.TombstoneHorizon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Delivers one tenant, on its own thread with its own Kafka consumer, so a slow or dead tenant holds back no other.
 *
 * <p>The position (next offset per topic partition) lives in PostgreSQL and moves only when the tenant acknowledged a
 * batch with a 2xx. A new tenant, or a resync, first gets the full current state of its domains
 * ({@link FullStateDelivery}), then the changes after it ({@link LiveDelivery}). Failures are recorded and retried
 * with backoff; a lost lease or a deleted tenant ends the worker.
 *
 * <p>A tenant whose position may have missed tombstones ({@link TombstoneHorizon}: below a partition's log start, or
 * last caught up longer ago than the topics' {@code delete.retention.ms}) gets the full state again, as after a
 * resync; checked whenever delivery (re)starts, and when live delivery fails for longer than that retention.
 */
public final class TenantWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(TenantWorker.class);

    private final DeliveryRow row;
    private final WorkerOptions options;
    private final WorkerControl control;
    private volatile SourcePartitions sources;
    private volatile Thread thread;

    public TenantWorker(TenantSettings settings, String owner, DeliveryJdbcRepository store, WorkerOptions options) {
        this.row = new DeliveryRow(settings.id(), owner, store);
        this.options = options;
        this.control = new WorkerControl(settings);
    }

    public void start() {
        Thread t = new Thread(this, "push-tenant-" + settings().name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public TenantSettings settings() {
        return control.settings();
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** New settings (password, endpoint, TLS, resync); a waiting retry is woken to use them at once. */
    public void update(TenantSettings next) {
        control.update(next);
    }

    /** Stops the worker and waits for its thread to end (a request in flight may take up to its timeout). */
    public void stop(Duration wait) {
        control.stop();
        SourcePartitions s = sources;
        if (s != null) {
            s.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        LOG.infof("Delivery to %s started", settings());
        int failures = 0;
        try (SourcePartitions partitions = new SourcePartitions(row.tenantId(), options, control)) {
            sources = partitions;
            LagMeter lag = new LagMeter(row, partitions, control, options.progressInterval());
            BatchSender sender = new BatchSender(row, options, control, lag);
            FullStateDelivery fullState = new FullStateDelivery(
                    row,
                    options,
                    control,
                    partitions,
                    sender,
                    new RecordApplier(row.tenantId(), options.deadLetters()),
                    lag);
            LiveAcks acks = new LiveAcks(row, lag);
            LiveDelivery live = new LiveDelivery(row, options, control, partitions, lag, sender, acks);
            while (control.running()) {
                try {
                    deliver(partitions, fullState, live, acks);
                } catch (HorizonPassed h) {
                    LOG.infof(
                            "Delivery to %s failed longer than tombstones are kept",
                            settings().name());
                } catch (ResyncRequested r) {
                    LOG.infof(
                            "Resync of %s: sending the full state again",
                            settings().name());
                } catch (Stop | WakeupException s) {
                    if (s instanceof Stop stop && control.running()) {
                        LOG.infof("Delivery to %s ends: %s", settings().name(), stop.getMessage());
                    }
                    break;
                } catch (RuntimeException e) {
                    if (!control.running()) {
                        break;
                    }
                    failures++;
                    LOG.warnf(
                            e,
                            "Delivery to %s failed internally; retrying",
                            settings().name());
                    row.recordFailure(
                            "internal: " + e.getClass().getSimpleName() + ": " + e.getMessage(), Instant.now());
                    control.await(options.backoff().delay(failures), settings().configVersion());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Delivery to %s stopped", settings().name());
        } finally {
            sources = null;
            control.stop();
            LOG.infof("Delivery to %s stopped", settings().name());
        }
    }

    private void deliver(SourcePartitions partitions, FullStateDelivery fullState, LiveDelivery live, LiveAcks acks) {
        DeliveryState state = loadState();
        TenantSettings s = settings();
        partitions.use(partitions.discover(s));
        boolean full = !state.snapshotComplete() || state.snapshotGeneration() != s.resyncGeneration();
        if (!full) {
            TombstoneHorizon.Decision horizon = horizon(partitions, state);
            if (horizon.rebuild()) {
                LOG.warnf(
                        "The position of %s may have missed deletions (%s): sending the full state again",
                        s.name(), horizon.reason());
                options.rebuilds().accept(horizon.reason());
                full = true;
            }
        }
        if (full) {
            fullState.send(s, state);
            state = loadState();
        }
        try {
            live.run(s, state);
        } finally {
            // Leaving (stop, resync, failure): write what the tenant acknowledged, so nothing is sent twice.
            try {
                acks.flush();
            } catch (RuntimeException e) {
                LOG.debugf("Acknowledgement for %s not written: %s", s.name(), e.getMessage());
            }
        }
    }

    /** Whether the stored position of any partition in use is past the tombstone horizon. */
    private TombstoneHorizon.Decision horizon(SourcePartitions partitions, DeliveryState state) {
        List<TopicPartition> all = partitions.all();
        if (all.isEmpty() || state.positions() == null) {
            return TombstoneHorizon.Decision.NONE;
        }
        Map<TopicPartition, Long> starts = partitions.beginningOffsets(all);
        Map<TopicPartition, Long> ends = partitions.endOffsets();
        Instant now = Instant.now();
        for (TopicPartition tp : all) {
            TombstoneHorizon.Decision d = TombstoneHorizon.decide(
                    state.positions().get(SourcePartitions.name(tp)),
                    starts.getOrDefault(tp, 0L),
                    ends.get(tp),
                    state.readUpTo(),
                    now,
                    options.tombstoneRetention());
            if (d.rebuild()) {
                return d;
            }
        }
        return TombstoneHorizon.Decision.NONE;
    }

    private DeliveryState loadState() {
        DeliveryState state = row.load();
        if (state == null) {
            throw new Stop("tenant deleted");
        }
        return state;
    }
}
