package io.openjims.query.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Refuses token requests (429) for a client id or a source address that failed too often within a sliding window.
 * Counts are per replica, in memory. Failures only count wrong or unknown credentials, so a blocked key recovers
 * once its failures leave the window even if it keeps asking.
 */
@ApplicationScoped
public class BruteForceGuard {

    /** Longest client id tracked as given; longer ones are cut (they can never match a real client). */
    private static final int MAX_KEY_LENGTH = 128;

    private final FailureWindow byClient;
    private final FailureWindow bySource;
    private final Counter failures;
    private final Counter rejectedByClient;
    private final Counter rejectedBySource;

    public BruteForceGuard(AuthConfig config, MeterRegistry registry) {
        AuthConfig.BruteForce bf = config.bruteForce();
        long window = bf.window().toMillis();
        this.byClient = new FailureWindow(window, bf.maxFailuresPerClient(), bf.maxTrackedKeys());
        this.bySource = new FailureWindow(window, bf.maxFailuresPerSource(), bf.maxTrackedKeys());
        this.failures = Counter.builder("openjims.auth.bruteforce.failures")
                .description("Failed client authentications counted by the brute-force guard")
                .register(registry);
        this.rejectedByClient = Counter.builder("openjims.auth.bruteforce.rejected")
                .description("Token requests refused with 429 by the brute-force guard")
                .tag("by", "client")
                .register(registry);
        this.rejectedBySource = Counter.builder("openjims.auth.bruteforce.rejected")
                .description("Token requests refused with 429 by the brute-force guard")
                .tag("by", "source")
                .register(registry);
        Gauge.builder("openjims.auth.bruteforce.tracked", byClient, FailureWindow::trackedKeys)
                .description("Keys with failures inside the window")
                .tag("by", "client")
                .register(registry);
        Gauge.builder("openjims.auth.bruteforce.tracked", bySource, FailureWindow::trackedKeys)
                .description("Keys with failures inside the window")
                .tag("by", "source")
                .register(registry);
    }

    /** Seconds the caller must wait (for Retry-After), or 0 when the request may proceed. */
    public long retryAfterSeconds(String clientId, String source) {
        long now = System.currentTimeMillis();
        long client = clientId == null ? 0 : byClient.blockedForMillis(clientKey(clientId), now);
        long address = source == null ? 0 : bySource.blockedForMillis(source, now);
        if (client == 0 && address == 0) {
            return 0;
        }
        (client >= address ? rejectedByClient : rejectedBySource).increment();
        return Math.max(1, (Math.max(client, address) + 999) / 1000);
    }

    public void recordFailure(String clientId, String source) {
        long now = System.currentTimeMillis();
        failures.increment();
        if (clientId != null) {
            byClient.recordFailure(clientKey(clientId), now);
        }
        if (source != null) {
            bySource.recordFailure(source, now);
        }
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long now = System.currentTimeMillis();
        byClient.purge(now);
        bySource.purge(now);
    }

    private static String clientKey(String clientId) {
        String key = clientId.length() > MAX_KEY_LENGTH ? clientId.substring(0, MAX_KEY_LENGTH) : clientId;
        return key.toLowerCase(Locale.ROOT);
    }
}
