package io.openjims.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.local.LocalApi;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An SRX-like client: follows the batch feed with its cookie, each request to the next query replica in turn, every
 * 200 ms (at once while {@code more}), and keeps every item it was given in order. A failed request is tried again
 * with the same cookie on the next replica.
 */
final class SrxFollower implements AutoCloseable {

    /** One change as the SRX saw it, and which replica answered. */
    record Item(String operation, String ip, String user, String domain, URI replica) {

        String key() {
            return operation + " " + ip;
        }
    }

    private final LocalApi api;
    private final Supplier<List<URI>> replicas;
    private final Supplier<String> tokens;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final List<Item> items = new CopyOnWriteArrayList<>();
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final Map<URI, Integer> answersByReplica = new java.util.concurrent.ConcurrentHashMap<>();
    private final Instant from;
    private volatile String token;
    private volatile String cookie;
    private int turn;

    SrxFollower(LocalApi api, Supplier<List<URI>> replicas, Supplier<String> tokens, Instant from) {
        this.api = api;
        this.replicas = replicas;
        this.tokens = tokens;
        this.from = from;
    }

    SrxFollower start() {
        token = tokens.get();
        poller.scheduleWithFixedDelay(this::follow, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    private void follow() {
        boolean more = true;
        while (more) {
            List<URI> current = replicas.get();
            URI replica = current.get(turn++ % current.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", "batch");
            body.put("max_items", 1000);
            if (cookie == null) {
                body.put("timestamp", from.toString());
            } else {
                body.put("cookie", cookie);
            }
            LocalApi.Answer answer;
            try {
                answer = api.postJson(replica.resolve(LocalApi.QUERY_PATH), token, body);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                return;
            }
            if (answer.status() == 401) {
                refreshToken();
                return;
            }
            if (answer.status() == 410) {
                // Never expected here: the checker reports it.
                expired.add(replica + " " + answer.body());
                return;
            }
            if (answer.status() != 200) {
                failures.incrementAndGet();
                return;
            }
            JsonNode json = answer.json();
            for (JsonNode item : json.path("items")) {
                items.add(new Item(
                        item.path("operation").asText(),
                        item.path("ip").asText(),
                        item.path("user").asText(),
                        item.path("domain").asText(),
                        replica));
            }
            answers.incrementAndGet();
            answersByReplica.merge(replica, 1, Integer::sum);
            cookie = json.path("cookie").asText();
            more = json.path("more").asBoolean();
        }
    }

    private void refreshToken() {
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    List<Item> items() {
        return List.copyOf(items);
    }

    /** 410 answers (cookie_expired): the SRX would have to start over. */
    List<String> expired() {
        return List.copyOf(expired);
    }

    int failures() {
        return failures.get();
    }

    /** Successful answers so far. */
    int answers() {
        return answers.get();
    }

    Map<URI, Integer> answersByReplica() {
        return Map.copyOf(answersByReplica);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
