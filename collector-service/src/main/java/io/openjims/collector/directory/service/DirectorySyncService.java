package io.openjims.collector.directory.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Instant;
import java.util.ArrayList;
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

    /** Poll state of one configured directory. */
    static final class Runtime {
        volatile String healthSource;
        volatile DirectoryModel model;
        volatile boolean running;
        volatile boolean requested;
        volatile boolean forceFull;
        volatile Instant nextDue = Instant.EPOCH;
        volatile String lastError;
    }

    private final MeterRegistry registry;

    public DirectorySyncService(
            DirectorySyncJdbcRepository store,
            DirectoryPublisher publisher,
            DirectorySecrets cipher,
            SourceHealth health,
            DirectoryConfig config,
            MeterRegistry registry) {
        this.registry = registry;
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
    }

    /** Asks for a poll of this directory as soon as possible (within one tick). */
    public void requestSync(UUID id, boolean full) {
        Runtime runtime = runtimes.computeIfAbsent(id, k -> new Runtime());
        runtime.forceFull |= full;
        runtime.requested = true;
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
