package io.openjims.query.auth.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-window failure counter per key (a client id or a source address): a key is blocked while it has
 * {@code maxFailures} failures within the last {@code window} milliseconds, and free again once the oldest of them
 * leaves the window. Memory is bounded: at most {@code maxFailures} timestamps per key and {@code maxKeys} keys.
 * Times are caller-supplied milliseconds, so this is plain logic that tests drive with a fake clock.
 */
public final class FailureWindow {

    private final long windowMillis;
    private final int maxFailures;
    private final int maxKeys;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public FailureWindow(long windowMillis, int maxFailures, int maxKeys) {
        if (windowMillis <= 0 || maxFailures <= 0 || maxKeys <= 0) {
            throw new IllegalArgumentException("window, max failures and max keys must be positive");
        }
        this.windowMillis = windowMillis;
        this.maxFailures = maxFailures;
        this.maxKeys = maxKeys;
    }

    /** Milliseconds until {@code key} may try again; 0 when it is not blocked. */
    public long blockedForMillis(String key, long nowMillis) {
        long[] blockedFor = {0};
        failures.computeIfPresent(key, (k, times) -> {
            dropExpired(times, nowMillis);
            blockedFor[0] = blockedFor(times, nowMillis);
            return times.isEmpty() ? null : times;
        });
        return blockedFor[0];
    }

    /**
     * Counts an attempt of {@code key} as a failure before its credentials are checked, unless the key is blocked:
     * returns 0 when the attempt may go ahead (it counts until {@link #release} cancels it), else the milliseconds
     * until it may try again. Atomic per key, so concurrent guesses cannot all pass before the first is counted.
     */
    public long tryAcquire(String key, long nowMillis) {
        if (!hasRoomFor(key, nowMillis)) {
            return 0;
        }
        long[] blockedFor = {0};
        failures.compute(key, (k, times) -> {
            Deque<Long> list = times == null ? new ArrayDeque<>() : times;
            dropExpired(list, nowMillis);
            blockedFor[0] = blockedFor(list, nowMillis);
            if (blockedFor[0] == 0) {
                list.addLast(nowMillis);
            }
            return list.isEmpty() ? null : list;
        });
        return blockedFor[0];
    }

    /** Cancels one attempt counted by {@link #tryAcquire} (its credentials were right, or never checked). */
    public void release(String key) {
        failures.computeIfPresent(key, (k, times) -> {
            times.pollLast();
            return times.isEmpty() ? null : times;
        });
    }

    /** Counts one failure of {@code key}. Returns false when the key could not be tracked (too many keys). */
    public boolean recordFailure(String key, long nowMillis) {
        if (!hasRoomFor(key, nowMillis)) {
            return false;
        }
        failures.compute(key, (k, times) -> {
            Deque<Long> list = times == null ? new ArrayDeque<>() : times;
            dropExpired(list, nowMillis);
            list.addLast(nowMillis);
            while (list.size() > maxFailures) {
                list.removeFirst();
            }
            return list;
        });
        return true;
    }

    /** Forgets keys without a failure in the window; returns how many keys remain. */
    public int purge(long nowMillis) {
        for (String key : failures.keySet()) {
            failures.computeIfPresent(key, (k, times) -> {
                dropExpired(times, nowMillis);
                return times.isEmpty() ? null : times;
            });
        }
        return failures.size();
    }

    public int trackedKeys() {
        return failures.size();
    }

    /** Whether {@code key} is or can be tracked within {@code maxKeys} (forgetting expired keys if needed). */
    private boolean hasRoomFor(String key, long nowMillis) {
        return failures.size() < maxKeys || failures.containsKey(key) || purge(nowMillis) < maxKeys;
    }

    /** Milliseconds until the oldest of a full window of failures leaves it; 0 while the window is not full. */
    private long blockedFor(Deque<Long> times, long nowMillis) {
        return times.size() >= maxFailures ? Math.max(1, times.peekFirst() + windowMillis - nowMillis) : 0;
    }

    private void dropExpired(Deque<Long> times, long nowMillis) {
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
            times.removeFirst();
        }
    }
}
