package io.openjims.collector.radius.listener;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Requests seen lately, by source address and port, identifier and Request Authenticator (RFC 5080 section 2.2.2):
 * those still waiting for Kafka and those answered within the window (with their answer, sent again to a
 * retransmission). Answered requests are kept at most {@code window} and at most {@code limit} of them (the oldest go
 * first). Not thread-safe: used on the listener's event loop only.
 */
final class RecentRequests {

    private record Answered(byte[] response, long atNanos) {}

    private final long windowNanos;
    private final int limit;
    private final Set<RequestKey> pending = new HashSet<>();
    private final LinkedHashMap<RequestKey, Answered> answered = new LinkedHashMap<>();

    RecentRequests(long windowNanos, int limit) {
        this.windowNanos = windowNanos;
        this.limit = Math.max(1, limit);
    }

    /** Whether the request still waits for Kafka. */
    boolean isPending(RequestKey key) {
        return pending.contains(key);
    }

    /** The answer sent to the request within the window, or null. */
    byte[] answerOf(RequestKey key, long nowNanos) {
        expire(nowNanos);
        Answered a = answered.get(key);
        return a == null ? null : a.response();
    }

    void pending(RequestKey key) {
        pending.add(key);
    }

    void answered(RequestKey key, byte[] response, long nowNanos) {
        pending.remove(key);
        Answered fresh = new Answered(response, nowNanos);
        if (answered.put(key, fresh) != null) {
            // Answered before: to the end of the order, as the newest.
            answered.remove(key);
            answered.put(key, fresh);
        }
        expire(nowNanos);
    }

    int size() {
        return pending.size() + answered.size();
    }

    private void expire(long nowNanos) {
        for (Iterator<Map.Entry<RequestKey, Answered>> it = answered.entrySet().iterator(); it.hasNext(); ) {
            Answered oldest = it.next().getValue();
            if (answered.size() <= limit && nowNanos - oldest.atNanos() <= windowNanos) {
                return;
            }
            it.remove();
        }
    }
}
