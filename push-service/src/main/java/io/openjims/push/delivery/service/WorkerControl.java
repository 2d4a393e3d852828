package io.openjims.push.delivery.service;

import java.time.Duration;

/**
 * What the parts of one tenant's worker share with the threads that steer it: the tenant's current settings, whether
 * the worker should go on, and waits that end early when either changes.
 */
final class WorkerControl {

    static final String LOST_TENANT = "tenant deleted, or delivered by another instance now";

    private final Object signal = new Object();
    private volatile TenantSettings settings;
    private volatile boolean running = true;

    /** Thrown to start over with a new full-state snapshot. */
    static final class ResyncRequested extends RuntimeException {
        ResyncRequested() {
            super(null, null, false, false);
        }
    }

    /** Thrown when live delivery failed for longer than the tombstone retention: the worker decides anew. */
    static final class HorizonPassed extends RuntimeException {
        HorizonPassed() {
            super(null, null, false, false);
        }
    }

    /** Thrown when the worker must end: stopped, or another instance owns the tenant now. */
    static final class Stop extends RuntimeException {
        Stop(String why) {
            super(why, null, false, false);
        }
    }

    WorkerControl(TenantSettings settings) {
        this.settings = settings;
    }

    TenantSettings settings() {
        return settings;
    }

    boolean running() {
        return running;
    }

    /** New settings; a waiting retry is woken to use them at once. */
    void update(TenantSettings next) {
        settings = next;
        wake();
    }

    void stop() {
        running = false;
        wake();
    }

    /** Throws {@link Stop} when a write of the delivery state changed nothing (the tenant is gone or not ours). */
    static void requireOwned(boolean written, String why) {
        if (!written) {
            throw new Stop(why);
        }
    }

    /** Throws when the worker was stopped or a resync of another generation was requested. */
    void checkInterrupts(long generation) {
        if (!running) {
            throw new Stop("stopped");
        }
        if (settings.resyncGeneration() != generation) {
            throw new ResyncRequested();
        }
    }

    /** Waits up to {@code delay}; returns true early when the tenant's settings changed (e.g. a new password). */
    boolean await(Duration delay, long configVersion) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (signal) {
            while (running && settings.configVersion() == configVersion) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stop("interrupted");
                }
            }
        }
        return running;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
