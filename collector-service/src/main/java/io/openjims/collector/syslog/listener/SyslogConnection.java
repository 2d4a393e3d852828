package io.openjims.collector.syslog.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.syslog.parse.FrameDecoder;
import io.openjims.collector.syslog.service.SenderScope;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.openjims.model.IdentityEvent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One TCP or TLS syslog connection. Frames are decoded and matched on the connection's event loop; the events of one
 * network read are handed to Kafka as one batch.
 *
 * <p>Backpressure: once the connection's window of events not yet acknowledged by Kafka is full (or all connections
 * together reach the global limit), the decoder hands out no further frame and the socket stops reading, so the
 * sender is held back by TCP flow control and nothing is dropped. Bytes already read are kept undecoded (at most what
 * one socket read loop takes in) and decoded once the window has room again: the collector never accepts more
 * events than the window while Kafka does not acknowledge.
 */
final class SyslogConnection implements FrameDecoder.Sink {

    private static final Logger LOG = Logger.getLogger(SyslogConnection.class);

    private final NetSocket socket;
    private final String sender;
    private final SenderScope scope;
    private final Context context;
    private final SyslogProcessor processor;
    private final EventPublisher kafka;
    private final EventPublisher.Acks acks;
    private final PublishGate gate;
    private final int maxInFlight;
    private final FrameDecoder decoder;
    private List<IdentityEvent> pending = new ArrayList<>();
    private int inFlight;
    private boolean paused;
    private boolean waitingForGate;

    SyslogConnection(StreamSetup setup) {
        this.socket = setup.socket();
        this.sender = setup.sender();
        this.scope = setup.scope();
        this.context = setup.context();
        this.processor = setup.processor();
        this.kafka = setup.kafka();
        this.acks = setup.acks();
        this.gate = setup.gate();
        this.maxInFlight = Math.max(1, setup.maxInFlight());
        this.decoder = new FrameDecoder(setup.maxMessageSize(), this);
    }

    void start() {
        socket.handler(this::read);
        socket.endHandler(ignored -> {
            decoder.endOfStream();
            flush();
        });
        socket.exceptionHandler(failure -> LOG.debugf("syslog connection from %s: %s", sender, failure.getMessage()));
    }

    private void read(Buffer buffer) {
        // While suspended the decoder only keeps the bytes.
        decoder.feed(buffer.getBytes());
        flush();
    }

    @Override
    public void frame(String message) {
        IdentityEvent event = processor.toEvent(message, sender, scope);
        if (event == null) {
            return;
        }
        pending.add(event);
        inFlight++;
        gate.acquire(1);
        if (inFlight >= maxInFlight || gate.saturated()) {
            decoder.suspend();
            pause();
        }
    }

    @Override
    public void oversize(long length) {
        processor.unreadable(sender);
        LOG.debugf("syslog message of %d bytes from %s dropped (too long)", length, sender);
    }

    @Override
    public void malformed(String reason) {
        processor.unreadable(sender);
        LOG.debugf("syslog stream from %s: %s", sender, reason);
    }

    /** Hands the events decoded so far to Kafka as one batch. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<IdentityEvent> batch = pending;
        pending = new ArrayList<>();
        int size = batch.size();
        kafka.publishUntilAcked(batch, acks, () -> context.runOnContext(ignored -> acked(size)));
    }

    private void acked(int events) {
        inFlight -= events;
        gate.release(events);
        maybeResume();
    }

    private void pause() {
        if (!paused) {
            paused = true;
            socket.pause();
        }
    }

    /** Resumes at half the connection's window, once all connections together are below half the limit too. */
    private void maybeResume() {
        if (!paused || inFlight > maxInFlight / 2) {
            return;
        }
        if (gate.saturated()) {
            waitForGate();
            return;
        }
        paused = false;
        decoder.resume();
        flush();
        if (!paused) {
            socket.resume();
        }
    }

    private void waitForGate() {
        if (waitingForGate) {
            return;
        }
        waitingForGate = true;
        gate.whenOpen(() -> context.runOnContext(ignored -> {
            waitingForGate = false;
            maybeResume();
        }));
    }
}
