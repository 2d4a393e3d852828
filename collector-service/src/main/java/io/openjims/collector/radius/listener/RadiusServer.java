package io.openjims.collector.radius.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.radius.config.RadiusConfig;
import io.openjims.collector.radius.service.ActiveClient;
import io.openjims.collector.radius.service.RadiusAccounting;
import io.openjims.collector.radius.service.RadiusClients;
import io.openjims.collector.radius.service.RadiusCounters;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.model.IdentityEvent;
import io.openjims.model.contract.IpAddresses;
import io.openjims.support.udp.DatagramReads;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The RADIUS accounting listener (RFC 2866) on UDP {@code openjims.collector.radius.port} (1813). A datagram from an
 * address no RADIUS client covers, with a wrong Request Authenticator, malformed, or not an Accounting-Request is
 * dropped, counted, never answered. An authenticated request becomes events ({@link RadiusAccounting}); its
 * Accounting-Response is sent only once Kafka acknowledged all of them, so a NAS sends again what was not stored. A
 * retransmission (same source address and port, identifier and authenticator) publishes nothing: it is answered again
 * when it was answered within {@code duplicate-window}, and ignored while its original still waits for Kafka. Beyond
 * {@code max-in-flight} waiting requests, new ones are dropped (the NAS retries).
 *
 * <p>One socket on one event loop: the request table and the batch are touched only there. Events of one event-loop
 * turn are handed to Kafka together.
 */
@ApplicationScoped
public class RadiusServer {

    static final String HEALTH_SOURCE = "radius";

    private static final Logger LOG = Logger.getLogger(RadiusServer.class);
    private static final int DATAGRAMS_PER_READ = 16;
    /** Answered requests remembered for retransmissions at most. */
    static final int MAX_REMEMBERED = 100_000;

    private record Waiting(String key, byte[] response, SocketAddress to) {}

    private final Vertx vertx;
    private final RadiusConfig config;
    private final RadiusClients clients;
    private final RadiusAccounting accounting;
    private final EventPublisher kafka;
    private final RadiusCounters counters;
    private final SourceHealth health;
    private final RecentRequests recent;

    private DatagramSocket socket;
    private volatile int port = -1;
    /** Requests handed to Kafka and not yet answered; event loop only. */
    private int inFlight;

    private List<Waiting> batch = new ArrayList<>();
    private List<IdentityEvent> batchEvents = new ArrayList<>();

    public RadiusServer(
            Vertx vertx,
            RadiusConfig config,
            RadiusClients clients,
            RadiusAccounting accounting,
            EventPublisher kafka,
            RadiusCounters counters,
            SourceHealth health) {
        this.vertx = vertx;
        this.config = config;
        // Called per request: the beans themselves, not their client proxies.
        this.clients = ClientProxy.unwrap(clients);
        this.accounting = ClientProxy.unwrap(accounting);
        this.kafka = ClientProxy.unwrap(kafka);
        this.counters = ClientProxy.unwrap(counters);
        this.health = health;
        this.recent = new RecentRequests(config.duplicateWindow().toNanos(), MAX_REMEMBERED);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("RADIUS accounting listener disabled (openjims.collector.radius.enabled=false)");
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(clients::reload);
        } catch (Throwable e) {
            LOG.warnf("RADIUS clients not read from the database yet (retried every refresh): %s", e.getMessage());
        }
        try {
            start();
            health.recovered(HEALTH_SOURCE);
        } catch (Exception e) {
            LOG.errorf(e, "RADIUS accounting listener did not start");
            health.failing(HEALTH_SOURCE, "listener did not start: " + e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The UDP port in use, or -1. */
    public int port() {
        return port;
    }

    synchronized void start() throws Exception {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setReceiveBufferSize(config.receiveBufferSize())
                .setReuseAddress(false));
        DatagramReads.tune(socket, RadiusCodec.MAX_PACKET + 1, DATAGRAMS_PER_READ, "RADIUS");
        socket.handler(this::datagram);
        DatagramSocket listening = await(socket.listen(config.port(), config.host()));
        port = listening.localAddress().port();
        int known = clients.size();
        if (known == 0) {
            LOG.warnf(
                    "RADIUS accounting listener on %s:%d udp: no RADIUS client is configured yet, every request is"
                            + " dropped (POST /api/admin/radius-clients)",
                    config.host(), port);
        } else {
            LOG.infof("RADIUS accounting listener on %s:%d udp (%d clients)", config.host(), port, known);
        }
    }

    synchronized void stop() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
        port = -1;
    }

    private void datagram(DatagramPacket packet) {
        counters.received();
        SocketAddress from = packet.sender();
        String source = source(from);
        ActiveClient client = clients.match(source);
        if (client == null) {
            counters.dropped(RadiusCounters.UNKNOWN_CLIENT);
            LOG.debugf("RADIUS datagram from %s dropped: no RADIUS client covers the address", source);
            return;
        }
        byte[] data = packet.data().getBytes();
        if (data.length > RadiusCodec.MAX_PACKET) {
            counters.dropped(RadiusCounters.MALFORMED);
            return;
        }
        RadiusCodec.Decoded decoded = RadiusCodec.decode(data, data.length, client.secret());
        if (decoded instanceof RadiusCodec.Dropped dropped) {
            counters.dropped(dropped.reason());
            LOG.debugf("RADIUS datagram from %s (%s) dropped: %s", source, client, dropped.detail());
            return;
        }
        RadiusCodec.Request request = (RadiusCodec.Request) decoded;
        String key = source
                + ' '
                + from.port()
                + ' '
                + request.identifier()
                + ' '
                + HexFormat.of().formatHex(request.authenticator());
        byte[] earlier = recent.answerOf(key, System.nanoTime());
        if (earlier != null) {
            counters.duplicate("answered");
            send(earlier, from);
            return;
        }
        if (recent.isPending(key)) {
            counters.duplicate("pending");
            return;
        }
        if (inFlight >= config.maxInFlight()) {
            counters.dropped(RadiusCounters.OVERLOADED);
            return;
        }
        List<IdentityEvent> events = accounting.events(request.packet(), client, source, Instant.now());
        byte[] response = RadiusCodec.response(request.identifier(), request.authenticator(), client.secret());
        recent.pending(key);
        Waiting waiting = new Waiting(key, response, from);
        if (events.isEmpty()) {
            answer(waiting);
            return;
        }
        inFlight++;
        if (batch.isEmpty()) {
            // Runs after the datagrams of this event-loop turn were read.
            Context context = vertx.getOrCreateContext();
            context.runOnContext(ignored -> flush(context));
        }
        batch.add(waiting);
        batchEvents.addAll(events);
    }

    private void flush(Context context) {
        List<Waiting> requests = batch;
        List<IdentityEvent> events = batchEvents;
        batch = new ArrayList<>();
        batchEvents = new ArrayList<>();
        kafka.publishUntilAcked(
                events,
                counters,
                () -> context.runOnContext(ignored -> {
                    inFlight -= requests.size();
                    for (Waiting waiting : requests) {
                        answer(waiting);
                    }
                }));
    }

    private void answer(Waiting waiting) {
        recent.answered(waiting.key(), waiting.response(), System.nanoTime());
        send(waiting.response(), waiting.to());
        counters.answered();
    }

    private void send(byte[] response, SocketAddress to) {
        DatagramSocket current = socket;
        if (current != null) {
            current.send(Buffer.buffer(response), to.port(), to.hostAddress());
        }
    }

    /** The source's address in canonical form, as RADIUS clients name it. */
    static String source(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return "unknown";
        }
        String canonical = IpAddresses.canonicalOrNull(address.hostAddress());
        return canonical != null ? canonical : address.hostAddress();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
