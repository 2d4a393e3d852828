package io.openjims.push.delivery.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.push.config.PushConfig;
import io.openjims.push.delivery.repository.DeadLetterJdbcRepository;
import io.openjims.push.delivery.repository.DeliveryJdbcRepository;
import io.openjims.push.delivery.repository.TenantSettingsRow;
import io.openjims.push.secret.service.SecretBeans;
import io.openjims.push.tenant.service.TenantKind;
import io.openjims.support.crypto.SecretCipher;
import io.openjims.support.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Runs one {@link TenantWorker} per tenant this instance holds the lease on. Every tick it renews the leases,
 * re-reads the tenants and starts, updates (password, endpoint, TLS material, resync) or stops workers.
 */
@ApplicationScoped
public class DeliverySupervisor {

    private static final Logger LOG = Logger.getLogger(DeliverySupervisor.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final int RECORD_CACHE_ENTRIES = 50_000;

    private final PushConfig config;
    private final DeliveryJdbcRepository store;
    private final SecretBeans secrets;
    private final Config kafkaConfig;
    private final String owner;
    private final DeadLetterJdbcRepository deadLetters;
    private final MeterRegistry registry;
    private final Map<UUID, TenantWorker> workers = new ConcurrentHashMap<>();
    private final Map<UUID, Long> undecryptable = new HashMap<>();
    /** Records decoded once for all tenants; about 25 s of changes at 2,000/s. */
    private final RecordCache records = new RecordCache(RECORD_CACHE_ENTRIES);

    private ScheduledExecutorService ticker;

    public DeliverySupervisor(
            PushConfig config,
            DeliveryJdbcRepository store,
            SecretBeans secrets,
            Config kafkaConfig,
            DeadLetterJdbcRepository deadLetters,
            MeterRegistry registry) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.store = store;
        this.secrets = secrets;
        this.kafkaConfig = kafkaConfig;
        this.owner = hostName() + "/" + UUID.randomUUID();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.delivery().enabled()) {
            LOG.info("Delivery to tenants is disabled (openjims.push.delivery.enabled=false)");
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "push-supervisor");
            t.setDaemon(true);
            return t;
        });
        long interval = config.delivery().supervisorInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.values().forEach(w -> w.stop(STOP_WAIT));
        workers.clear();
        try {
            store.release(owner);
        } catch (RuntimeException e) {
            LOG.debugf("Could not release tenant leases: %s", e.getMessage());
        }
    }

    /** The worker of a tenant on this instance, if any. */
    public Optional<TenantWorker> worker(UUID tenantId) {
        return Optional.ofNullable(workers.get(tenantId));
    }

    /** Stops a tenant's worker; the next tick starts a fresh one from the stored position (as after a restart). */
    public synchronized void restartWorker(UUID tenantId) {
        TenantWorker worker = workers.remove(tenantId);
        if (worker != null) {
            worker.stop(STOP_WAIT);
        }
    }

    synchronized void tick() {
        try {
            List<UUID> held = store.claim(owner, config.delivery().leaseDuration());
            Set<UUID> seen = new LinkedHashSet<>();
            for (TenantSettingsRow row : store.tenants(held)) {
                seen.add(row.id());
                TenantSettings settings = decrypt(row);
                if (settings == null) {
                    continue;
                }
                TenantWorker worker = workers.get(row.id());
                if (worker == null || !worker.isAlive()) {
                    worker = new TenantWorker(settings, owner, store, options());
                    workers.put(row.id(), worker);
                    worker.start();
                } else if (worker.settings().configVersion() != settings.configVersion()
                        || worker.settings().resyncGeneration() != settings.resyncGeneration()) {
                    worker.update(settings);
                }
            }
            for (UUID id : List.copyOf(workers.keySet())) {
                if (!seen.contains(id)) {
                    TenantWorker gone = workers.remove(id);
                    gone.stop(STOP_WAIT);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Delivery supervisor tick failed: %s", e.getMessage());
        }
    }

    private TenantSettings decrypt(TenantSettingsRow row) {
        Optional<SecretCipher> cipher = secrets.cipher();
        try {
            if (cipher.isEmpty()) {
                throw new IllegalStateException(
                        "no encryption key: set OPENJIMS_PUSH_ENCRYPTION_KEY to decrypt the tenant password");
            }
            String aad = row.id().toString();
            String password = cipher.get().decrypt(row.passwordEnc(), aad);
            String clientKey = row.clientKeyEnc() == null ? null : cipher.get().decrypt(row.clientKeyEnc(), aad);
            undecryptable.remove(row.id());
            return new TenantSettings(
                    row.id(),
                    row.name(),
                    TenantKind.fromWireName(row.kind()),
                    URI.create(row.endpoint()),
                    new LinkedHashSet<>(Arrays.asList(row.domains().split(","))),
                    row.caPem(),
                    row.clientCertPem(),
                    clientKey,
                    row.username(),
                    password,
                    row.configVersion(),
                    row.resyncGeneration());
        } catch (RuntimeException e) {
            Long reported = undecryptable.put(row.id(), row.configVersion());
            if (reported == null || reported != row.configVersion()) {
                LOG.errorf("Tenant %s cannot be delivered: %s", row.name(), e.getMessage());
                store.recordFailure(row.id(), owner, e.getMessage(), Instant.now());
            }
            return null;
        }
    }

    private WorkerOptions options() {
        PushConfig.Delivery d = config.delivery();
        return new WorkerOptions(
                d.batchMaxItems(),
                d.batchMaxDelay(),
                new Backoff(d.retryInitial(), d.retryMax()),
                d.connectTimeout(),
                d.requestTimeout(),
                d.progressInterval(),
                config.topics().directory(),
                config.topics().sessions(),
                config.topics().collectors(),
                KafkaClientSettings.consumer(
                        kafkaConfig,
                        null,
                        Map.of(
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                                // Fewer, fuller fetches: each worker asks the broker ~10 times a second under load.
                                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024,
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)),
                records,
                new EndpointPolicy(
                        config.allowHttpEndpoints(),
                        d.allowLoopbackEndpoints(),
                        d.deniedEndpointRanges().orElse(List.of())),
                d.maxResponseBytes(),
                deadLetters::write,
                d.tombstoneRetention(),
                reason -> Counter.builder("openjims.push.full.rebuilds")
                        .description(
                                "Full-state resends to a tenant whose position may have missed deletions, by reason")
                        .tag("reason", reason)
                        .register(registry)
                        .increment());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "push";
        }
    }
}
