package io.openjims.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.local.LocalApi;
import io.openjims.devinfra.local.SyslogSender;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends numbered logons (and a logoff for every fourth accepted logon, 2.5 s later) at a steady rate, a third each
 * as JSON over HTTPS ingest, syslog over RELP and syslog over plain TCP, and records what the collector accepted: a
 * 202 entry, a RELP {@code 200 OK}, or a plain TCP connection the collector read to its end and closed. Event {@code
 * n} of a phase has an address of its own. Each chunk goes to the next collector replica in turn (the replicas
 * running when it is sent).
 */
final class LoadGenerator implements AutoCloseable {

    static final String HTTP = "http";
    static final String TCP = "tcp";
    static final String RELP = "relp";
    private static final Duration LOGOFF_AFTER = Duration.ofMillis(2500);
    private static final Duration TCP_TIMEOUT = Duration.ofSeconds(10);

    /** What became of one event. */
    enum Outcome {
        /** 202 entry or RELP 200 OK (Kafka acknowledged it): it must reach the view. */
        ACCEPTED,
        /**
         * Read by the collector over plain TCP (it closed the connection after the last line). Plain TCP syslog has
         * no acknowledgement: it must reach the view unless the collector was killed before Kafka acknowledged it.
         */
        READ,
        /** No answer, an error status or a broken connection: it may or may not have arrived, at most once. */
        UNCONFIRMED,
        /** Named as rejected in a 202: it must not arrive. */
        REJECTED
    }

    /** One event sent. */
    record Sent(int n, String operation, String ip, String user, String domain, String channel, Outcome outcome) {

        String key() {
            return operation + " " + ip;
        }
    }

    /** A collector replica: its HTTPS base, plain TCP syslog port and RELP port. */
    record Collector(URI https, int syslogPort, int relpPort) {}

    private record Event(int n, String operation, String ip, String user, String domain) {}

    private record DueLogoff(long dueNanos, Event event) {}

    private final LocalApi api;
    private final Supplier<List<Collector>> collectors;
    private final String ingestToken;
    private final AtomicInteger turn = new AtomicInteger();
    private final String net;
    private final int phase;
    private final List<String> domains;
    private final int chunk;
    private final AtomicInteger next = new AtomicInteger();
    private final Queue<DueLogoff> logoffs = new ConcurrentLinkedQueue<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService http = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService tcp = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService relp = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean stopped;

    /**
     * @param net the phase's own {@code 10.R.} prefix (a /16: 65,024 logons)
     * @param rate events per second over the three channels together (a multiple of 30)
     */
    LoadGenerator(
            LocalApi api,
            Supplier<List<Collector>> collectors,
            String ingestToken,
            String net,
            int phase,
            List<String> domains,
            int rate) {
        this.api = api;
        this.collectors = collectors;
        this.ingestToken = ingestToken;
        this.net = net;
        this.phase = phase;
        this.domains = domains;
        // Each channel sends one chunk every 100 ms.
        this.chunk = Math.max(1, rate / 30);
    }

    LoadGenerator start() {
        http.scheduleAtFixedRate(() -> tick(HTTP), 0, 100, TimeUnit.MILLISECONDS);
        tcp.scheduleAtFixedRate(() -> tick(TCP), 33, 100, TimeUnit.MILLISECONDS);
        relp.scheduleAtFixedRate(() -> tick(RELP), 66, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether {@code ip} is one of this phase's addresses. */
    boolean owns(String ip) {
        return ip.startsWith(net);
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    long count(Outcome outcome) {
        return sent.stream().filter(s -> s.outcome() == outcome).count();
    }

    /** Users of this phase, with their domain: the checker asks the user query for each. */
    Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        for (int k = 0; k < 8; k++) {
            users.put(user(k), domains.get(k % domains.size()));
        }
        return users;
    }

    private String user(int n) {
        return "p" + phase + "u" + (n % 8);
    }

    private Event logon(int n) {
        int third = n / 254;
        if (third > 255) {
            throw new IllegalStateException("phase " + phase + " sent more logons than its /16 holds");
        }
        return new Event(n, "logon", net + third + "." + (n % 254 + 1), user(n), domains.get(n % 8 % domains.size()));
    }

    private void tick(String channel) {
        if (stopped) {
            return;
        }
        List<Event> events = new ArrayList<>();
        long now = System.nanoTime();
        DueLogoff due;
        while (events.size() < chunk && (due = logoffs.peek()) != null && due.dueNanos() <= now) {
            if (logoffs.remove(due)) {
                events.add(due.event());
            }
        }
        while (events.size() < chunk) {
            events.add(logon(next.getAndIncrement()));
        }
        try {
            List<Collector> replicas = collectors.get();
            Collector collector = replicas.get(Math.floorMod(turn.getAndIncrement(), replicas.size()));
            List<Outcome> outcomes = switch (channel) {
                case HTTP -> sendHttp(collector.https(), events);
                case RELP -> sendRelp(collector.relpPort(), events);
                default -> sendTcp(collector.syslogPort(), events);
            };
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                Outcome outcome = outcomes.get(i);
                sent.add(new Sent(
                        event.n(), event.operation(), event.ip(), event.user(), event.domain(), channel, outcome));
                if ((outcome == Outcome.ACCEPTED || outcome == Outcome.READ)
                        && event.operation().equals("logon")
                        && event.n() % 4 == 3) {
                    logoffs.add(new DueLogoff(
                            System.nanoTime() + LOGOFF_AFTER.toNanos(),
                            new Event(event.n(), "logoff", event.ip(), event.user(), event.domain())));
                }
            }
        } catch (RuntimeException e) {
            System.out.printf("[faults] load tick failed: %s%n", e);
        }
    }

    private List<Outcome> sendHttp(URI collector, List<Event> events) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (Event event : events) {
            body.add(Map.of(
                    "operation", event.operation(), "ip", event.ip(), "user", event.user(), "domain", event.domain()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        LocalApi.Answer answer;
        try {
            answer = api.postJson(collector.resolve("/api/v1/identity-events"), ingestToken, body);
        } catch (RuntimeException e) {
            answer = null;
        }
        if (answer == null || answer.status() != 202) {
            events.forEach(e -> outcomes.add(Outcome.UNCONFIRMED));
            return outcomes;
        }
        events.forEach(e -> outcomes.add(Outcome.ACCEPTED));
        for (JsonNode rejected : answer.json().path("rejected")) {
            outcomes.set(rejected.path("index").asInt(), Outcome.REJECTED);
        }
        return outcomes;
    }

    private static List<String> syslogLines(List<Event> events) {
        List<String> lines = new ArrayList<>();
        for (Event event : events) {
            lines.add(SyslogSender.rfc3164(SyslogSender.keyValue(
                    event.user(), event.domain(), event.ip(), event.operation().equals("logon"))));
        }
        return lines;
    }

    private List<Outcome> sendRelp(int relpPort, List<Event> events) {
        boolean[] acked = SyslogSender.relp(relpPort, syslogLines(events), TCP_TIMEOUT);
        List<Outcome> outcomes = new ArrayList<>();
        for (boolean ok : acked) {
            outcomes.add(ok ? Outcome.ACCEPTED : Outcome.UNCONFIRMED);
        }
        return outcomes;
    }

    private List<Outcome> sendTcp(int syslogPort, List<Event> events) {
        Outcome outcome = SyslogSender.tcpConfirmed(syslogPort, syslogLines(events), TCP_TIMEOUT)
                ? Outcome.READ
                : Outcome.UNCONFIRMED;
        List<Outcome> outcomes = new ArrayList<>();
        events.forEach(e -> outcomes.add(outcome));
        return outcomes;
    }

    /** Stops sending; logoffs not yet due are never sent (their logons stay in the view). */
    @Override
    public void close() {
        stopped = true;
        http.shutdown();
        tcp.shutdown();
        relp.shutdown();
        try {
            http.awaitTermination(40, TimeUnit.SECONDS);
            tcp.awaitTermination(40, TimeUnit.SECONDS);
            relp.awaitTermination(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
