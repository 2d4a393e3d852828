package io.openjims.collector.syslog.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.syslog.config.SyslogConfig;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.openjims.model.IdentityEvent;
import io.openjims.support.udp.DatagramReads;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Syslog over UDP (RFC 5426): one datagram is one message. Events are handed to Kafka in batches of what one
 * event-loop turn read; beyond {@code udp-buffer} events waiting for Kafka, datagrams are dropped (and counted).
 */
final class SyslogUdpListener {

    /** Largest UDP payload is 65,507 bytes. */
    private static final int MAX_DATAGRAM_BUFFER = 65_536;

    private static final int DATAGRAMS_PER_READ = 16;

    private final Vertx vertx;
    private final SyslogConfig config;
    private final SyslogProcessor processor;
    private final EventPublisher kafka;
    private final SyslogCounters counters;
    private final SenderPolicy senders;
    private final PublishGate gate;
    private DatagramSocket socket;
    /** Events not yet handed to Kafka; only touched on the socket's event loop. */
    private List<IdentityEvent> pending = new ArrayList<>();

    SyslogUdpListener(
            Vertx vertx,
            SyslogConfig config,
            SyslogProcessor processor,
            EventPublisher kafka,
            SyslogCounters counters,
            SenderPolicy senders) {
        this.vertx = vertx;
        this.config = config;
        this.processor = processor;
        this.kafka = kafka;
        this.counters = counters;
        this.senders = senders;
        this.gate = new PublishGate(config.udpBuffer());
    }

    /** Binds {@code port} on the configured host; the returned future completes once it listens. */
    Future<DatagramSocket> listen(int port) {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setReceiveBufferSize(config.udpReceiveBufferSize())
                .setReuseAddress(false));
        DatagramReads.tune(
                socket,
                (int) Math.min(config.maxMessageSize() + 1L, MAX_DATAGRAM_BUFFER),
                DATAGRAMS_PER_READ,
                "UDP syslog");
        socket.handler(this::datagram);
        return socket.listen(port, config.host());
    }

    void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    private void datagram(DatagramPacket packet) {
        String sender = SyslogServer.sender(packet.sender());
        if (!senders.allows(sender)) {
            counters.denied();
            return;
        }
        Buffer data = packet.data();
        if (data.length() > config.maxMessageSize()) {
            processor.unreadable(sender);
            return;
        }
        IdentityEvent event = processor.toEvent(data.toString(StandardCharsets.UTF_8), sender, senders.scopeOf(sender));
        if (event == null) {
            return;
        }
        if (!gate.tryAcquire()) {
            processor.dropped(sender);
            return;
        }
        if (pending.isEmpty()) {
            // Runs after the datagrams of this event-loop turn were read.
            vertx.getOrCreateContext().runOnContext(ignored -> flush());
        }
        pending.add(event);
    }

    private void flush() {
        List<IdentityEvent> batch = pending;
        pending = new ArrayList<>();
        int size = batch.size();
        kafka.publishUntilAcked(batch, counters, () -> gate.release(size));
    }
}
