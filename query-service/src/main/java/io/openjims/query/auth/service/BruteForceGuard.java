package io.openjims.query.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Refuses token requests (429) for a client id at a source address, or for a source address, that failed too often
 * within a sliding window. Every attempt counts as a failure before its secret is hashed ({@link #begin}) and is
 * cancelled when the secret was right ({@link #succeeded}), so a hundred concurrent guesses cost at most the
 * window's allowance of hashes. The client id is counted per source address: guesses from elsewhere never lock the
 * real client out. Counts are per replica, in memory; a blocked key recovers once its failures leave the window (a
 * refused request adds none).
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

    /**
     * Starts an authentication: 0 when it may proceed (then counted as a failure until {@link #succeeded} or {@link
     * #abandoned}), else the seconds the caller must wait (for Retry-After).
     */
    public long begin(String clientId, String source) {
        long now = System.currentTimeMillis();
        String pair = pairKey(clientId, source);
        long client = byClient.tryAcquire(pair, now);
        if (client > 0) {
            rejectedByClient.increment();
            return seconds(client);
        }
        long address = source == null ? 0 : bySource.tryAcquire(source, now);
        if (address > 0) {
            byClient.release(pair);
            rejectedBySource.increment();
            return seconds(address);
        }
        return 0;
    }

    /** The credentials of an attempt {@link #begin} let through were wrong. */
    public void failed() {
        failures.increment();
    }

    /** The credentials were right: the attempt no longer counts. */
    public void succeeded(String clientId, String source) {
        abandoned(clientId, source);
    }

    /** The credentials could not be checked (the database was away): the attempt no longer counts. */
    public void abandoned(String clientId, String source) {
        byClient.release(pairKey(clientId, source));
        if (source != null) {
            bySource.release(source);
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long now = System.currentTimeMillis();
        byClient.purge(now);
        bySource.purge(now);
    }

    private static String pairKey(String clientId, String source) {
        return (clientId == null ? "" : clientKey(clientId)) + "|" + (source == null ? "" : source);
    }

    private static String clientKey(String clientId) {
        String key = clientId.length() > MAX_KEY_LENGTH ? clientId.substring(0, MAX_KEY_LENGTH) : clientId;
        return key.toLowerCase(Locale.ROOT);
    }
}
