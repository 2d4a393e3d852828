package io.openjims.collector.syslog.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Splits one TCP stream into syslog messages (RFC 6587). The framing is detected from the first byte of the
 * connection: a digit means octet counting ({@code MSG-LEN SP MSG}), anything else non-transparent framing with LF,
 * CRLF or NUL as trailer. A frame that does not start with a digit in an octet-counted stream is read up to the next
 * trailer, so a sender that mixes both loses nothing. Messages longer than the limit are skipped (reported once each)
 * and the stream stays usable. Not thread-safe: one decoder per connection, fed from its event loop.
 *
 * <p>The sink may {@link #suspend()} the decoder from inside {@link Sink#frame}: no further frame is handed out, the
 * rest of the bytes (and whatever is fed meanwhile) is kept until {@link #resume()}, so a connection that stops
 * reading takes in no more messages than its window allows.
 */
public final class FrameDecoder {

    /** Receives what the decoder finds. */
    public interface Sink {

        void frame(String message);

        /** A message longer than the limit was skipped. */
        void oversize(long length);

        /** Bytes that cannot be framed (a bad length, a stream that ended inside a frame) were skipped. */
        void malformed(String reason);
    }

    /** How the connection frames its messages. */
    public enum Framing {
        UNKNOWN,
        OCTET_COUNTING,
        NON_TRANSPARENT
    }

    private static final int MAX_LENGTH_DIGITS = 9;

    private final int maxMessageSize;
    private final Sink sink;
    private Framing framing = Framing.UNKNOWN;
    private byte[] buffer;
    private int length;
    /** Bytes of an oversize octet-counted frame still to skip. */
    private long skipBytes;
    /** Skipping the rest of an oversize line up to its trailer. */
    private boolean skipLine;
    /** No frames handed out until {@link #resume()}. */
    private boolean suspended;
    /** The peer closed while suspended: end the stream once everything kept was handed out. */
    private boolean ended;
    /** Bytes fed while suspended, in order; kept as they came (no growing buffer). */
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();

    public FrameDecoder(int maxMessageSize, Sink sink) {
        this.maxMessageSize = maxMessageSize;
        this.sink = sink;
        this.buffer = new byte[Math.min(maxMessageSize + 16, 4096)];
    }

    public Framing framing() {
        return framing;
    }

    /** Stops handing out frames after the current one; bytes are kept. */
    public void suspend() {
        suspended = true;
    }

    public boolean suspended() {
        return suspended;
    }

    /** Hands out the kept frames (until suspended again) and, when the peer closed meanwhile, ends the stream. */
    public void resume() {
        if (!suspended) {
            return;
        }
        suspended = false;
        drain();
        while (!suspended && !held.isEmpty()) {
            byte[] chunk = held.poll();
            feed(chunk, 0, chunk.length);
        }
        if (!suspended && ended) {
            ended = false;
            endOfStream();
        }
    }

    /** Bytes received but not yet handed out as frames. */
    public long buffered() {
        long total = length;
        for (byte[] chunk : held) {
            total += chunk.length;
        }
        return total;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public void feed(byte[] data, int offset, int count) {
        if (suspended) {
            held.add(Arrays.copyOfRange(data, offset, offset + count));
            return;
        }
        int pos = offset;
        int end = offset + count;
        while (pos < end) {
            if (skipBytes > 0) {
                int skipped = (int) Math.min(skipBytes, end - pos);
                skipBytes -= skipped;
                pos += skipped;
                continue;
            }
            if (skipLine) {
                int trailer = indexOfTrailer(data, pos, end);
                if (trailer < 0) {
                    return;
                }
                skipLine = false;
                pos = trailer + 1;
                continue;
            }
            int take = end - pos;
            append(data, pos, take);
            pos = end;
            drain();
        }
    }

    /** The peer closed: a last line without trailer still counts; a cut octet-counted frame is malformed. */
    public void endOfStream() {
        if (suspended) {
            ended = true;
            return;
        }
        if (length == 0) {
            return;
        }
        int start = skipFiller(0);
        if (start < length) {
            if (framing == Framing.OCTET_COUNTING && isDigit(buffer[start])) {
                sink.malformed("stream ended inside an octet-counted frame");
            } else {
                emit(start, length);
            }
        }
        length = 0;
    }

    private void drain() {
        int pos = 0;
        while (!suspended) {
            pos = skipFiller(pos);
            if (pos >= length) {
                break;
            }
            if (framing == Framing.UNKNOWN) {
                framing = isDigit(buffer[pos]) ? Framing.OCTET_COUNTING : Framing.NON_TRANSPARENT;
            }
            int next = framing == Framing.OCTET_COUNTING && isDigit(buffer[pos]) ? octetFrame(pos) : lineFrame(pos);
            if (next < 0) {
                break;
            }
            pos = next;
            if (skipBytes > 0 || skipLine) {
                // The rest of this buffer belongs to a frame being skipped.
                byte[] rest = Arrays.copyOfRange(buffer, pos, length);
                length = 0;
                feed(rest, 0, rest.length);
                return;
            }
        }
        compact(pos);
    }

    /** Returns the position after the frame, or -1 when more bytes are needed. */
    private int octetFrame(int pos) {
        int i = pos;
        long msgLength = 0;
        while (i < length && isDigit(buffer[i])) {
            if (i - pos >= MAX_LENGTH_DIGITS) {
                sink.malformed("octet count longer than " + MAX_LENGTH_DIGITS + " digits");
                int trailer = indexOfTrailer(buffer, i, length);
                if (trailer >= 0) {
                    return trailer + 1;
                }
                skipLine = true;
                return length;
            }
            msgLength = msgLength * 10 + (buffer[i] - '0');
            i++;
        }
        if (i >= length) {
            return -1;
        }
        if (buffer[i] != ' ') {
            // Not a length after all: read it as a line.
            return lineFrame(pos);
        }
        int bodyStart = i + 1;
        if (msgLength > maxMessageSize) {
            sink.oversize(msgLength);
            long available = length - bodyStart;
            if (available >= msgLength) {
                return (int) (bodyStart + msgLength);
            }
            skipBytes = msgLength - available;
            return length;
        }
        if (length - bodyStart < msgLength) {
            return -1;
        }
        emit(bodyStart, (int) (bodyStart + msgLength));
        return (int) (bodyStart + msgLength);
    }

    private int lineFrame(int pos) {
        int trailer = indexOfTrailer(buffer, pos, length);
        if (trailer < 0) {
            if (length - pos > maxMessageSize) {
                sink.oversize(length - pos);
                skipLine = true;
                return length;
            }
            return -1;
        }
        int end = trailer;
        if (end > pos && buffer[end - 1] == '\r') {
            end--;
        }
        if (end - pos > maxMessageSize) {
            sink.oversize(end - pos);
        } else {
            emit(pos, end);
        }
        return trailer + 1;
    }

    private void emit(int from, int to) {
        int end = to;
        while (end > from && (buffer[end - 1] == '\r' || buffer[end - 1] == '\n' || buffer[end - 1] == 0)) {
            end--;
        }
        if (end > from) {
            sink.frame(new String(buffer, from, end - from, StandardCharsets.UTF_8));
        }
    }

    private int skipFiller(int pos) {
        int i = pos;
        while (i < length && (buffer[i] == '\n' || buffer[i] == '\r' || buffer[i] == 0)) {
            i++;
        }
        return i;
    }

    private static int indexOfTrailer(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '\n' || b == 0) {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] data, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + count, buffer.length * 2));
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }

    private void compact(int consumed) {
        if (consumed >= length) {
            length = 0;
            if (buffer.length > 4 * maxMessageSize + 4096) {
                buffer = new byte[Math.min(maxMessageSize + 16, 4096)];
            }
            return;
        }
        if (consumed > 0) {
            System.arraycopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
