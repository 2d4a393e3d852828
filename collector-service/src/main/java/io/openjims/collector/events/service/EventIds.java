package io.openjims.collector.events.service;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Event ids: random (version 4) UUIDs from the thread's fast generator; they must be unique, not unpredictable. */
public final class EventIds {

    private EventIds() {}

    /** A new random id ({@code UUID.randomUUID()} goes through one shared SecureRandom per call). */
    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
