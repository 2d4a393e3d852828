package io.openjims.collector.radius.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>One socket on one event loop: the request table and the batch are touched only there. Its datagrams are read by
 * a Netty handler of this class ahead of Vert.x's; the events of one event-loop turn (up to 32 datagrams) are handed
 * to Kafka together, and answers are flushed once per turn.
 */
@ApplicationScoped
public class RadiusServer {

    static final String HEALTH_SOURCE = "radius";

    private static final Logger LOG = Logger.getLogger(RadiusServer.class);
    private static final int DATAGRAMS_PER_READ = 32;
    /** Answered requests remembered for retransmissions at most. */
    static final int MAX_REMEMBERED = 100_000;

    private record Waiting(RequestKey key, byte[] response, InetSocketAddress to) {}

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

    /** The last source address seen and its canonical text; event loop only. */
    private InetAddress lastAddress;

    private String lastSource;
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
        DatagramReads.channel(socket).pipeline().addFirst("radius-accounting", new Handler());
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

    /**
     * Reads the socket's datagrams before Vert.x does (no Buffer copy, no address wrapping per datagram) and writes
     * the answers straight to the channel, flushed once per event-loop turn.
     */
    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof io.netty.channel.socket.DatagramPacket packet)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                datagram(ctx, packet.content(), packet.sender());
            } catch (RuntimeException e) {
                // Nothing was published or remembered for it: the NAS sends it again.
                counters.dropped(RadiusCounters.MALFORMED);
                LOG.debugf(e, "RADIUS datagram from %s dropped", packet.sender());
            } finally {
                packet.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush(ctx);
            ctx.flush();
            ctx.fireChannelReadComplete();
        }
    }

    private void datagram(ChannelHandlerContext ctx, ByteBuf content, InetSocketAddress from) {
        counters.received();
        String source = source(from);
        ActiveClient client = clients.match(source);
        if (client == null) {
            counters.dropped(RadiusCounters.UNKNOWN_CLIENT);
            LOG.debugf("RADIUS datagram from %s dropped: no RADIUS client covers the address", source);
            return;
        }
        int length = content.readableBytes();
        if (length > RadiusCodec.MAX_PACKET) {
            counters.dropped(RadiusCounters.MALFORMED);
            return;
        }
        byte[] data = new byte[length];
        content.getBytes(content.readerIndex(), data);
        RadiusCodec.Decoded decoded = RadiusCodec.decode(data, length, client.secret());
        if (decoded instanceof RadiusCodec.Dropped dropped) {
            counters.dropped(dropped.reason());
            LOG.debugf("RADIUS datagram from %s (%s) dropped: %s", source, client, dropped.detail());
            return;
        }
        RadiusCodec.Request request = (RadiusCodec.Request) decoded;
        RequestKey key = new RequestKey(source, from.getPort(), request.identifier(), request.authenticator());
        byte[] earlier = recent.answerOf(key, System.nanoTime());
        if (earlier != null) {
            counters.duplicate("answered");
            write(ctx, earlier, from);
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
        List<IdentityEvent> events = accounting.events(request.fields(), client, source, Instant.now());
        byte[] response = RadiusCodec.response(request.identifier(), request.authenticator(), client.secret());
        recent.pending(key);
        Waiting waiting = new Waiting(key, response, from);
        if (events.isEmpty()) {
            answer(ctx, waiting);
            return;
        }
        inFlight++;
        batch.add(waiting);
        batchEvents.addAll(events);
    }

    /** Hands this turn's events to Kafka; their requests are answered on this event loop once all are acknowledged. */
    private void flush(ChannelHandlerContext ctx) {
        if (batch.isEmpty()) {
            return;
        }
        List<Waiting> requests = batch;
        List<IdentityEvent> events = batchEvents;
        batch = new ArrayList<>();
        batchEvents = new ArrayList<>();
        EventExecutor loop = ctx.executor();
        kafka.publishUntilAcked(
                events,
                counters,
                () -> loop.execute(() -> {
                    inFlight -= requests.size();
                    for (Waiting waiting : requests) {
                        answer(ctx, waiting);
                    }
                    ctx.flush();
                }));
    }

    private void answer(ChannelHandlerContext ctx, Waiting waiting) {
        recent.answered(waiting.key(), waiting.response(), System.nanoTime());
        write(ctx, waiting.response(), waiting.to());
        counters.answered();
    }

    /** Queues an answer on the channel; the caller flushes. */
    private static void write(ChannelHandlerContext ctx, byte[] response, InetSocketAddress to) {
        ctx.write(new io.netty.channel.socket.DatagramPacket(Unpooled.wrappedBuffer(response), to), ctx.voidPromise());
    }

    /** The source's address in canonical form, as RADIUS clients name it (the last one is remembered). */
    private String source(InetSocketAddress from) {
        InetAddress address = from.getAddress();
        if (address == null) {
            return "unknown";
        }
        if (address.equals(lastAddress)) {
            return lastSource;
        }
        String canonical = IpAddresses.format(address);
        lastAddress = address;
        lastSource = canonical;
        return canonical;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
