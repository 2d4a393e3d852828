package io.openjims.collector.syslog.listener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts events handed to Kafka but not yet acknowledged, across connections. Above the limit, connections pause
 * reading and wait here; they are woken when the count falls to half the limit.
 */
final class PublishGate {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    PublishGate(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Counts more events; always succeeds (TCP never drops). */
    void acquire(int events) {
        inFlight.addAndGet(events);
    }

    /** Counts one more event unless the limit is reached (UDP drops then). */
    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        release(1);
    }

    void release(int events) {
        if (inFlight.addAndGet(-events) <= limit / 2 && !waiting.isEmpty()) {
            Runnable wake;
            while ((wake = waiting.poll()) != null) {
                wake.run();
            }
        }
    }

    boolean saturated() {
        return inFlight.get() >= limit;
    }

    /** Runs the wake-up once the count is low again (at once when it already is). */
    void whenOpen(Runnable wake) {
        waiting.add(wake);
        if (inFlight.get() <= limit / 2 && waiting.remove(wake)) {
            wake.run();
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}
