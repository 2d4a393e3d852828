package io.openjims.collector.syslog.listener;

import io.openjims.collector.syslog.parse.FrameDecoder;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.openjims.model.IdentityEvent;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * One TCP or TLS syslog connection. Frames are decoded and matched on the connection's event loop; while too many of
 * its events (or of all connections) wait for Kafka's acknowledgement, reading pauses, so the sender is held back by
 * TCP flow control instead of anything being dropped.
 */
final class SyslogConnection implements FrameDecoder.Sink {

    private static final Logger LOG = Logger.getLogger(SyslogConnection.class);

    private final NetSocket socket;
    private final String sender;
    private final Context context;
    private final SyslogProcessor processor;
    private final PublishGate gate;
    private final int maxInFlight;
    private final FrameDecoder decoder;
    private int inFlight;
    private boolean paused;
    private boolean waitingForGate;

    SyslogConnection(
            NetSocket socket,
            String sender,
            Context context,
            SyslogProcessor processor,
            PublishGate gate,
            int maxInFlight,
            int maxMessageSize) {
        this.socket = socket;
        this.sender = sender;
        this.context = context;
        this.processor = processor;
        this.gate = gate;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.decoder = new FrameDecoder(maxMessageSize, this);
    }

    void start() {
        socket.handler(buffer -> decoder.feed(buffer.getBytes()));
        socket.endHandler(ignored -> decoder.endOfStream());
        socket.exceptionHandler(failure -> LOG.debugf("syslog connection from %s: %s", sender, failure.getMessage()));
    }

    @Override
    public void frame(String message) {
        IdentityEvent event = processor.toEvent(message, sender);
        if (event == null) {
            return;
        }
        inFlight++;
        gate.acquire();
        checkFlow();
        processor
                .publishUntilAcked(event)
                .subscribe()
                .with(
                        ok -> context.runOnContext(ignored -> acked()),
                        failure -> context.runOnContext(ignored -> {
                            LOG.errorf("syslog event from %s not published: %s", sender, failure.getMessage());
                            acked();
                        }));
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

    private void acked() {
        inFlight--;
        gate.release();
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
