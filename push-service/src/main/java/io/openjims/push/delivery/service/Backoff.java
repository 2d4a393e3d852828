package io.openjims.push.delivery.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial * 2^(n-1))}, never less than {@code initial}.
 */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;

    public Backoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
    }

    /** The cap (before jitter) of the delay after the {@code attempt}-th failure (1-based). */
    public long ceilingMs(int attempt) {
        int shift = Math.min(Math.max(attempt, 1) - 1, 40);
        long ceiling = initialMs << shift;
        return ceiling <= 0 || ceiling > maxMs ? maxMs : ceiling;
    }

    public Duration delay(int attempt) {
        long ceiling = ceilingMs(attempt);
        long half = ceiling / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
        return Duration.ofMillis(Math.max(initialMs, jittered));
    }
}
