package io.openjims.collector.syslog.listener;

import io.openjims.collector.syslog.parse.FrameDecoder;
import io.openjims.collector.syslog.service.SyslogKafkaSender;
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
 * read are handed to Kafka as one batch. While too many of its events (or of all connections) wait for Kafka's
 * acknowledgement, reading pauses, so the sender is held back by TCP flow control instead of anything being dropped.
 * What one read holds beyond the window (at most one network buffer) is still taken, so the window may be exceeded by
 * that much.
 */
final class SyslogConnection implements FrameDecoder.Sink {

    private static final Logger LOG = Logger.getLogger(SyslogConnection.class);

    private final NetSocket socket;
    private final String sender;
    private final Context context;
    private final SyslogProcessor processor;
    private final SyslogKafkaSender kafka;
    private final PublishGate gate;
    private final int maxInFlight;
    private final FrameDecoder decoder;
    private List<IdentityEvent> pending = new ArrayList<>();
    private int inFlight;
    private boolean paused;
    private boolean waitingForGate;

    SyslogConnection(
            NetSocket socket,
            String sender,
            Context context,
            SyslogProcessor processor,
            SyslogKafkaSender kafka,
            PublishGate gate,
            int maxInFlight,
            int maxMessageSize) {
        this.socket = socket;
        this.sender = sender;
        this.context = context;
        this.processor = processor;
        this.kafka = kafka;
        this.gate = gate;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.decoder = new FrameDecoder(maxMessageSize, this);
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
        decoder.feed(buffer.getBytes());
        flush();
    }

    @Override
    public void frame(String message) {
        IdentityEvent event = processor.toEvent(message, sender);
        if (event != null) {
            pending.add(event);
        }
    }

    /** Hands the events of this read to Kafka as one batch. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<IdentityEvent> batch = pending;
        pending = new ArrayList<>();
        int size = batch.size();
        inFlight += size;
        gate.acquire(size);
        checkFlow();
        kafka.publish(batch, () -> context.runOnContext(ignored -> acked(size)));
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

    private void acked(int events) {
        inFlight -= events;
        gate.release(events);
        checkFlow();
    }

    /** Pauses at the limit; resumes at half of it, once all connections together are below their limit too. */
    private void checkFlow() {
        if (!paused) {
            if (inFlight >= maxInFlight || gate.saturated()) {
                paused = true;
                socket.pause();
                if (gate.saturated()) {
                    waitForGate();
                }
            }
        } else if (inFlight <= maxInFlight / 2) {
            if (gate.saturated()) {
                waitForGate();
            } else {
                paused = false;
                socket.resume();
            }
        }
    }

    private void waitForGate() {
        if (waitingForGate) {
            return;
        }
        waitingForGate = true;
        gate.whenOpen(() -> context.runOnContext(ignored -> {
            waitingForGate = false;
            checkFlow();
        }));
    }
}
