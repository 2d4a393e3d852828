package io.openjims.collector.syslog.listener;

import io.openjims.collector.syslog.parse.FrameDecoder;
import io.openjims.model.IdentityEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One TCP or TLS syslog connection. Frames are decoded and matched on the connection's event loop; the events of one
 * network read are handed to Kafka as one batch.
 *
 * <p>Backpressure ({@link StreamConnection}): once the window is full the decoder hands out no further frame and the
 * socket stops reading. Bytes already read are kept undecoded (at most what one socket read loop takes in) and decoded
 * once the window has room again: the collector never accepts more events than the window while Kafka does not
 * acknowledge.
 */
final class SyslogConnection extends StreamConnection implements FrameDecoder.Sink {

    private static final Logger LOG = Logger.getLogger(SyslogConnection.class);

    private final FrameDecoder decoder;
    private List<IdentityEvent> pending = new ArrayList<>();

    SyslogConnection(StreamSetup setup) {
        super(setup);
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
        admitted();
        if (windowFull()) {
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
        publish(batch, () -> {});
    }

    /** Decodes what was kept while paused; reads again unless that filled the window once more. */
    @Override
    void resumed() {
        decoder.resume();
        flush();
        if (!paused()) {
            socket.resume();
        }
    }
}
