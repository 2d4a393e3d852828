package io.openjims.collector.syslog.parse;

import java.io.ByteArrayOutputStream;

/**
 * Splits a RELP byte stream into frames: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF} (RELP, as librelp and
 * rsyslog's omrelp speak it). Transaction numbers are 1..999,999,999, commands 1..32 ASCII letters, data at most
 * {@code maxDataLength} bytes. Anything else is a protocol error: the decoder reports it once and stops, since the
 * stream can no longer be framed. Pure logic; not thread-safe (one per connection).
 */
public final class RelpFrameDecoder {

    /** Receives decoded frames. */
    public interface Sink {
        void frame(long txnr, String command, byte[] data);

        void protocolError(String reason);
    }

    static final long MAX_TXNR = 999_999_999L;
    private static final int MAX_COMMAND = 32;
    private static final int MAX_DIGITS = 9;

    private enum State {
        TXNR,
        COMMAND,
        DATALEN,
        DATA,
        TRAILER,
        FAILED
    }

    private final int maxDataLength;
    private final Sink sink;
    private State state = State.TXNR;
    private long txnr;
    private int digits;
    private final StringBuilder command = new StringBuilder();
    private long dataLength;
    private int lengthDigits;
    private ByteArrayOutputStream data;
    private long remaining;

    public RelpFrameDecoder(int maxDataLength, Sink sink) {
        this.maxDataLength = maxDataLength;
        this.sink = sink;
    }

    /** Decodes what arrived; frames may span calls. */
    public void feed(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && state != State.FAILED) {
            byte b = bytes[i];
            switch (state) {
                case TXNR -> {
                    if (b == ' ' && digits > 0) {
                        if (txnr < 1) {
                            fail("transaction number 0");
                            return;
                        }
                        state = State.COMMAND;
                    } else if (isDigit(b) && digits < MAX_DIGITS) {
                        txnr = txnr * 10 + (b - '0');
                        digits++;
                    } else if ((b == '\n' || b == '\r') && digits == 0) {
                        // Tolerates blank lines between frames.
                    } else {
                        fail("bad transaction number");
                        return;
                    }
                    i++;
                }
                case COMMAND -> {
                    if (b == ' ' && command.length() > 0) {
                        state = State.DATALEN;
                    } else if (isLetter(b) && command.length() < MAX_COMMAND) {
                        command.append((char) b);
                    } else {
                        fail("bad command");
                        return;
                    }
                    i++;
                }
                case DATALEN -> {
                    if (isDigit(b) && lengthDigits < MAX_DIGITS) {
                        dataLength = dataLength * 10 + (b - '0');
                        lengthDigits++;
                        i++;
                    } else if (lengthDigits > 0 && b == '\n' && dataLength == 0) {
                        emit(new byte[0]);
                        i++;
                    } else if (lengthDigits > 0 && b == ' ') {
                        if (dataLength > maxDataLength) {
                            fail("frame of " + dataLength + " bytes is longer than " + maxDataLength);
                            return;
                        }
                        data = new ByteArrayOutputStream((int) Math.min(dataLength, 64 * 1024));
                        remaining = dataLength;
                        state = remaining == 0 ? State.TRAILER : State.DATA;
                        i++;
                    } else {
                        fail("bad data length");
                        return;
                    }
                }
                case DATA -> {
                    int take = (int) Math.min(remaining, bytes.length - i);
                    data.write(bytes, i, take);
                    remaining -= take;
                    i += take;
                    if (remaining == 0) {
                        state = State.TRAILER;
                    }
                }
                case TRAILER -> {
                    if (b != '\n') {
                        fail("frame not ended by a line feed");
                        return;
                    }
                    emit(data.toByteArray());
                    i++;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void emit(byte[] payload) {
        long number = txnr;
        String name = command.toString();
        txnr = 0;
        digits = 0;
        command.setLength(0);
        dataLength = 0;
        lengthDigits = 0;
        data = null;
        state = State.TXNR;
        sink.frame(number, name, payload);
    }

    private void fail(String reason) {
        state = State.FAILED;
        sink.protocolError(reason);
    }

    /** Whether the stream ended in the middle of a frame. */
    public boolean midFrame() {
        return state != State.TXNR || digits > 0;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
