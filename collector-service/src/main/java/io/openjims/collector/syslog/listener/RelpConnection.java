package io.openjims.collector.syslog.listener;

import io.openjims.collector.syslog.parse.RelpFrameDecoder;
import io.openjims.model.IdentityEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One RELP connection (rsyslog's {@code omrelp}). A {@code syslog} frame is answered {@code 200 OK} only after Kafka
 * acknowledged the event it became (or at once, in order, when it became none: not an identity message, or refused
 * and counted), so a sender keeps and resends whatever this collector had not stored when it died. Answers go out in
 * the order of the frames. The frames of one network read are handed to Kafka as one batch.
 *
 * <p>Backpressure as for TCP syslog ({@link StreamConnection}): once the window is full the socket stops reading.
 */
final class RelpConnection extends StreamConnection implements RelpFrameDecoder.Sink {

    private static final Logger LOG = Logger.getLogger(RelpConnection.class);

    /** What the server offers in its answer to {@code open}. */
    static final String OFFERS = "relp_version=0\nrelp_software=OpenJIMS\ncommands=syslog";

    private static final byte[] SERVER_CLOSE = "0 serverclose 0\n".getBytes(StandardCharsets.US_ASCII);

    /** An answer waiting for its turn. */
    private static final class Answer {
        final byte[] bytes;
        final boolean closeAfter;
        boolean ready;

        Answer(byte[] bytes, boolean closeAfter, boolean ready) {
            this.bytes = bytes;
            this.closeAfter = closeAfter;
            this.ready = ready;
        }

        /** {@code TXNR rsp DATALEN [SP DATA] LF}. */
        static Answer rsp(long txnr, String data, boolean closeAfter) {
            String text = data.isEmpty()
                    ? txnr + " rsp 0\n"
                    : txnr + " rsp " + data.getBytes(StandardCharsets.UTF_8).length + " " + data + "\n";
            return new Answer(text.getBytes(StandardCharsets.UTF_8), closeAfter, false);
        }
    }

    private final RelpFrameDecoder decoder;
    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private List<IdentityEvent> events = new ArrayList<>();
    private List<Answer> batch = new ArrayList<>();
    private boolean closing;

    RelpConnection(StreamSetup setup) {
        super(setup);
        // A frame carries one syslog message; a little room for the trailer rsyslog may keep.
        this.decoder = new RelpFrameDecoder(setup.maxMessageSize() + 2, this);
    }

    void start() {
        socket.handler(this::read);
        socket.endHandler(ignored -> flush());
        socket.exceptionHandler(failure -> LOG.debugf("RELP connection from %s: %s", sender, failure.getMessage()));
    }

    private void read(Buffer buffer) {
        if (closing) {
            return;
        }
        decoder.feed(buffer.getBytes());
        flush();
    }

    @Override
    public void frame(long txnr, String command, byte[] data) {
        if (closing) {
            return;
        }
        switch (command) {
            case "syslog" -> {
                IdentityEvent event = processor.toEvent(message(data), sender, scope);
                if (event != null) {
                    events.add(event);
                    admitted();
                }
                queue(Answer.rsp(txnr, "200 OK", false));
            }
            case "open" -> queue(Answer.rsp(txnr, "200 OK\n" + OFFERS, false));
            case "close" -> {
                queue(Answer.rsp(txnr, "", true));
                closing = true;
            }
            default -> queue(Answer.rsp(txnr, "500 unknown command " + command, false));
        }
    }

    @Override
    public void protocolError(String reason) {
        processor.unreadable(sender);
        LOG.debugf("RELP stream from %s: %s; closing the connection", sender, reason);
        closing = true;
        // What was read before stays in order; then the server tells the sender it closes.
        flush();
        answers.add(new Answer(SERVER_CLOSE, true, true));
        drain();
    }

    private void queue(Answer answer) {
        answers.add(answer);
        batch.add(answer);
    }

    /** Hands this read's events to Kafka; their answers (and those of the frames between) wait for the acks. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<IdentityEvent> published = events;
        List<Answer> answered = batch;
        events = new ArrayList<>();
        batch = new ArrayList<>();
        publish(published, () -> {
            for (Answer answer : answered) {
                answer.ready = true;
            }
            drain();
        });
        if (windowFull()) {
            pause();
        }
    }

    /** Writes the answers whose turn it is, in frame order. */
    private void drain() {
        Answer head;
        while ((head = answers.peek()) != null && head.ready) {
            answers.poll();
            socket.write(Buffer.buffer(head.bytes));
            if (head.closeAfter) {
                socket.close();
                return;
            }
        }
    }

    /** The syslog message of a frame: UTF-8, without the line end some senders keep. */
    static String message(byte[] data) {
        int end = data.length;
        while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
            end--;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
