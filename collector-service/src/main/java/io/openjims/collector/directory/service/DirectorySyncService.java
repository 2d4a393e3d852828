package io.openjims.collector.directory.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.config.CollectorConfig;
import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.collector.directory.ldap.DirectoryFailure;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapConnector;
import io.openjims.collector.directory.repository.DirectorySourceRow;
import io.openjims.collector.directory.repository.DirectorySyncJdbcRepository;
import io.openjims.collector.directory.sync.DirectoryModel;
import io.openjims.collector.directory.sync.DirectorySyncEngine;
import io.openjims.collector.directory.sync.Publication;
import io.openjims.collector.directory.sync.SyncOutcome;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.model.DirectoryObjectKind;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the polls: a tick looks for due directories and hands each to a worker thread of its own pool (never the event
 * loop; a directory is never polled twice at once). One failing directory only marks itself failing (status and
 * {@link SourceHealth}); the others go on. Directories removed from the configuration get their objects tombstoned.
 *
 * <p>With several collector replicas on one database each directory is synced by one of them: the holder of its lease
 * ({@code collector.directory_lease}), taken or renewed on every tick and lost after {@code lease-duration} without
 * renewal, so a replica that dies has its directories taken over. A sync asked for on any replica is counted in the
 * lease row and run by the holder.
 */
@Startup
@ApplicationScoped
public class DirectorySyncService {

    private static final Logger LOG = Logger.getLogger(DirectorySyncService.class);

    private final DirectorySyncJdbcRepository store;
    private final DirectoryPublisher publisher;
    private final DirectorySecrets cipher;
    private final SourceHealth health;
    private final DirectorySyncEngine engine;
    private final ExecutorService workers;
    private final ConcurrentMap<UUID, Runtime> runtimes = new ConcurrentHashMap<>();
    private final AtomicBoolean cleanupRunning = new AtomicBoolean();
    /** Sync requests made here, not yet counted in the database (directory id -> full). */
    private final ConcurrentMap<UUID, Boolean> pendingRequests = new ConcurrentHashMap<>();

    private final String holder;
    private final Duration leaseDuration;

    /** Poll state of one configured directory. */
    static final class Runtime {
        volatile String healthSource;
        volatile DirectoryModel model;
        volatile boolean running;
        volatile boolean requested;
        volatile boolean forceFull;
        volatile Instant nextDue = Instant.EPOCH;
        volatile String lastError;
        /** Whether this replica holds the directory's lease (only the holder syncs it). */
        volatile boolean held;

        long seenSyncRequests;
        long seenFullRequests;
    }

    private final MeterRegistry registry;

    public DirectorySyncService(
            DirectorySyncJdbcRepository store,
            DirectoryPublisher publisher,
            DirectorySecrets cipher,
            SourceHealth health,
            DirectoryConfig config,
            CollectorConfig collector,
            MeterRegistry registry) {
        this.registry = registry;
        // Unique per process: two replicas configured with the same collector id still hold leases apart.
        this.holder = collector.id().orElse("collector") + "/" + UUID.randomUUID();
        this.leaseDuration = config.leaseDuration();
        this.store = store;
        this.publisher = publisher;
        this.cipher = cipher;
        this.health = health;
        this.engine = new DirectorySyncEngine(
                new LdapConnector(config.connectTimeout(), config.responseTimeout()), config.pageSize());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "directory-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.syncThreads()), threads);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        try {
            store.releaseLeases(holder);
        } catch (RuntimeException e) {
            LOG.debugf("directory leases not released (they expire): %s", e.getMessage());
        }
    }

    /**
     * Asks for a poll of this directory as soon as possible: counted in the database on the next tick, and honoured
     * by whichever replica holds the directory's lease (within its next tick). Does not block.
     */
    public void requestSync(UUID id, boolean full) {
        pendingRequests.merge(id, full, Boolean::logicalOr);
    }

    /** This replica's lease holder name. */
    public String holder() {
        return holder;
    }

    @Scheduled(
            every = "${openjims.collector.directory.tick}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<DirectorySourceRow> sources;
        try {
            sources = store.sources();
        } catch (RuntimeException e) {
            LOG.debugf("directory sources not readable: %s", e.getMessage());
            return;
        }
        Map<UUID, DirectorySyncJdbcRepository.HeldLease> held;
        try {
            held = leases(sources);
        } catch (RuntimeException e) {
            LOG.debugf("directory leases not renewed: %s", e.getMessage());
            return;
        }
        Instant now = Instant.now();
        Set<UUID> configured = new HashSet<>();
        for (DirectorySourceRow row : sources) {
            configured.add(row.id());
            Runtime runtime = runtimes.computeIfAbsent(row.id(), k -> new Runtime());
            String source = "directory:" + row.name();
            if (runtime.healthSource != null && !runtime.healthSource.equals(source)) {
                recovered(runtime.healthSource);
            }
            runtime.healthSource = source;
            if (!follow(runtime, row, held.get(row.id()))) {
                continue;
            }
            if (!runtime.running && (runtime.requested || !now.isBefore(runtime.nextDue))) {
                runtime.running = true;
                runtime.requested = false;
                workers.execute(() -> poll(runtime, row));
            }
        }
        for (Map.Entry<UUID, Runtime> entry : runtimes.entrySet()) {
            Runtime runtime = entry.getValue();
            if (!configured.contains(entry.getKey()) && !runtime.running) {
                runtimes.remove(entry.getKey(), runtime);
                if (runtime.healthSource != null) {
                    recovered(runtime.healthSource);
                }
            }
        }
        if (cleanupRunning.compareAndSet(false, true)) {
            workers.execute(this::tombstoneRemovedSources);
        }
    }

    /** Counts this replica's pending sync requests, then takes or renews the leases it can. */
    private Map<UUID, DirectorySyncJdbcRepository.HeldLease> leases(List<DirectorySourceRow> sources) {
        if (!pendingRequests.isEmpty()) {
            Map<UUID, Boolean> requests = new HashMap<>();
            for (UUID id : List.copyOf(pendingRequests.keySet())) {
                Boolean full = pendingRequests.remove(id);
                if (full != null) {
                    requests.put(id, full);
                }
            }
            try {
                store.addSyncRequests(requests);
            } catch (RuntimeException e) {
                requests.forEach((id, full) -> pendingRequests.merge(id, full, Boolean::logicalOr));
                throw e;
            }
        }
        Map<UUID, DirectorySyncJdbcRepository.HeldLease> held = new HashMap<>();
        for (DirectorySyncJdbcRepository.HeldLease lease :
                store.renewLeases(sources.stream().map(DirectorySourceRow::id).toList(), holder, leaseDuration)) {
            held.put(lease.directoryId(), lease);
        }
        return held;
    }

    /**
     * Brings the directory's runtime in line with its lease: true when this replica holds it (and so syncs it). A
     * lease just taken syncs at once; requests counted since the last tick ask for a sync (full when one asked so).
     */
    private boolean follow(Runtime runtime, DirectorySourceRow row, DirectorySyncJdbcRepository.HeldLease lease) {
        if (lease == null) {
            if (runtime.held) {
                runtime.held = false;
                runtime.model = null;
                LOG.infof("directory %s: another collector replica holds its lease now and syncs it", row.name());
                if (runtime.healthSource != null) {
                    recovered(runtime.healthSource);
                }
            }
            return false;
        }
        if (!runtime.held) {
            runtime.held = true;
            runtime.nextDue = Instant.EPOCH;
            runtime.seenSyncRequests = lease.syncRequests();
            runtime.seenFullRequests = lease.fullRequests();
            LOG.debugf("directory %s: this replica holds its lease (%s)", row.name(), holder);
            return true;
        }
        if (lease.syncRequests() > runtime.seenSyncRequests) {
            runtime.requested = true;
            runtime.seenSyncRequests = lease.syncRequests();
        }
        if (lease.fullRequests() > runtime.seenFullRequests) {
            runtime.forceFull = true;
            runtime.seenFullRequests = lease.fullRequests();
        }
        return true;
    }

    private void poll(Runtime runtime, DirectorySourceRow row) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        String source = "directory:" + row.name();
        try {
            DirectorySettings settings = DirectorySettingsFactory.settings(row, cipher);
            SyncOutcome outcome =
                    engine.poll(settings, runtime.model, () -> store.fingerprints(row.id()), runtime.forceFull, now);
            runtime.model = null;
            countRefused(row.name(), outcome.model().drainRefused());
            publisher.publish(outcome.publications());
            store.recordPublished(row.id(), outcome.publications());
            outcome.model().markPublished(outcome.publications());
            runtime.model = outcome.model();
            runtime.forceFull = false;
            long ms = (System.nanoTime() - started) / 1_000_000;
            store.recordSuccess(
                    row.id(),
                    row.configVersion(),
                    now,
                    outcome.full(),
                    outcome.users(),
                    outcome.groups(),
                    outcome.devices(),
                    ms,
                    outcome.model().highWaterMark());
            recovered(source);
            runtime.lastError = null;
            if (outcome.full() || !outcome.publications().isEmpty()) {
                LOG.infof(
                        "directory %s: %s sync, %d entries read, %d records published, %d ms",
                        row.name(),
                        outcome.full() ? "full" : "incremental",
                        outcome.examined(),
                        outcome.publications().size(),
                        ms);
            }
        } catch (DirectoryFailure e) {
            fail(runtime, row, source, e.getMessage(), started, now);
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            fail(runtime, row, source, message, started, now);
        } finally {
            runtime.nextDue = Instant.now().plusSeconds(row.pollIntervalSeconds());
            runtime.running = false;
        }
    }

    /** Directory objects whose text breaks the identity text rule are not published: counted and logged per field. */
    private void countRefused(String directory, Map<String, Integer> refused) {
        refused.forEach((problem, n) -> {
            Counter.builder("openjims.collector.directory.refused")
                    .description("Directory objects not published because a value breaks the identity text rule")
                    .tag("directory", directory)
                    .tag("reason", problem.substring(problem.indexOf(": ") + 2))
                    .register(registry)
                    .increment(n);
            LOG.warnf("directory %s: %d objects not published (%s)", directory, n, problem);
        });
    }

    private void fail(
            Runtime runtime, DirectorySourceRow row, String source, String message, long started, Instant now) {
        runtime.model = null;
        if (!message.equals(runtime.lastError)) {
            LOG.warnf("directory %s: sync failed: %s", row.name(), message);
        } else {
            LOG.debugf("directory %s: sync still failing: %s", row.name(), message);
        }
        runtime.lastError = message;
        try {
            store.recordFailure(row.id(), row.configVersion(), now, message, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("directory %s: status not stored: %s", row.name(), e.getMessage());
        }
        health.failing(source, message);
    }

    /** A state change to or from degraded is published by the heartbeat (SourceHealth tells it). */
    private void recovered(String source) {
        health.recovered(source);
    }

    /** Tombstones every object of directories that were removed from the configuration. */
    private void tombstoneRemovedSources() {
        try {
            for (UUID id : store.orphanSources()) {
                Runtime runtime = runtimes.get(id);
                if (runtime != null && runtime.running) {
                    continue;
                }
                List<Publication> tombstones = new ArrayList<>();
                for (String key : store.fingerprints(id).keySet()) {
                    tombstones.add(new Publication(key, kindOfKey(key), null, null));
                }
                publisher.publish(tombstones);
                store.forgetSource(id);
                LOG.infof("directory %s removed: %d objects tombstoned", id, tombstones.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("tombstoning removed directories failed (retried): %s", e.getMessage());
        } finally {
            cleanupRunning.set(false);
        }
    }

    private static DirectoryObjectKind kindOfKey(String key) {
        String[] parts = key.split("/", 3);
        return DirectoryObjectKind.fromWireName(parts[1]);
    }
}
