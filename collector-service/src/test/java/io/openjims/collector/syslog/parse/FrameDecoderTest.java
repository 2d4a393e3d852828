package io.openjims.collector.syslog.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final List<String> frames = new ArrayList<>();
    private final List<Long> oversize = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final FrameDecoder.Sink sink = recordingSink(frames::add);

    /** A sink that hands frames to {@code onFrame} and records oversize and malformed input in the fields. */
    private FrameDecoder.Sink recordingSink(Consumer<String> onFrame) {
        return new FrameDecoder.Sink() {
            @Override
            public void frame(String message) {
                onFrame.accept(message);
            }

            @Override
            public void oversize(long length) {
                oversize.add(length);
            }

            @Override
            public void malformed(String reason) {
                malformed.add(reason);
            }
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds one byte at a time: frames must not depend on how TCP splits the stream. */
    private static void feedBytewise(FrameDecoder decoder, String text) {
        for (byte b : bytes(text)) {
            decoder.feed(new byte[] {b});
        }
    }

    @Test
    void newlineFramingWithLfCrlfAndNul() {
        FrameDecoder decoder = new FrameDecoder(100, sink);
        decoder.feed(bytes("<13>one\n<13>two\r\n<13>three\0<13>fo"));
        decoder.feed(bytes("ur\n"));
        assertThat(frames).containsExactly("<13>one", "<13>two", "<13>three", "<13>four");
        assertThat(decoder.framing()).isEqualTo(FrameDecoder.Framing.NON_TRANSPARENT);
    }

    @Test
    void octetCountingInAnySplit() {
        String stream = "8 <13>one\n\n8 <13>two\n7 <13>öx";
        FrameDecoder decoder = new FrameDecoder(100, sink);
        feedBytewise(decoder, stream);
        assertThat(decoder.framing()).isEqualTo(FrameDecoder.Framing.OCTET_COUNTING);
        assertThat(frames).containsExactly("<13>one", "<13>two", "<13>öx");
    }

    @Test
    void octetCountedMessagesMayContainNewlines() {
        FrameDecoder decoder = new FrameDecoder(100, sink);
        decoder.feed(bytes("15 <13>line1\nline2"));
        assertThat(frames).containsExactly("<13>line1\nline2");
    }

    @Test
    void oversizeLinesAreSkippedAndTheStreamGoesOn() {
        FrameDecoder decoder = new FrameDecoder(10, sink);
        decoder.feed(bytes("<13>ok\n<13>" + "x".repeat(30)));
        decoder.feed(bytes("y".repeat(30) + "\n<13>next\n"));
        assertThat(frames).containsExactly("<13>ok", "<13>next");
        assertThat(oversize).hasSize(1);
    }

    @Test
    void oversizeOctetFramesAreSkippedByLength() {
        FrameDecoder decoder = new FrameDecoder(10, sink);
        String big = "<13>" + "z".repeat(46);
        feedBytewise(decoder, "6 <13>ok50 " + big + "7 <13>end");
        assertThat(frames).containsExactly("<13>ok", "<13>end");
        assertThat(oversize).containsExactly(50L);
    }

    @Test
    void badLengthIsMalformedAndSkippedToTheNextLine() {
        FrameDecoder decoder = new FrameDecoder(100, sink);
        decoder.feed(bytes("12345678901234 garbage\n6 <13>ok"));
        assertThat(malformed).hasSize(1);
        assertThat(frames).containsExactly("<13>ok");
    }

    @Test
    void lastLineWithoutTrailerCountsAtEndOfStream() {
        FrameDecoder decoder = new FrameDecoder(100, sink);
        decoder.feed(bytes("<13>a\n<13>b"));
        decoder.endOfStream();
        assertThat(frames).containsExactly("<13>a", "<13>b");
        FrameDecoder octets = new FrameDecoder(100, sink);
        octets.feed(bytes("20 <13>cut"));
        octets.endOfStream();
        assertThat(malformed).hasSize(1);
    }

    @Test
    void aLineInAnOctetCountedStreamIsStillRead() {
        FrameDecoder decoder = new FrameDecoder(100, sink);
        decoder.feed(bytes("6 <13>ok<13>line\n6 <13>ok"));
        assertThat(frames).containsExactly("<13>ok", "<13>line", "<13>ok");
    }

    @Test
    void suspendedDecoderKeepsTheRestUntilResumed() {
        List<String> taken = new ArrayList<>();
        FrameDecoder decoder = suspendingDecoder(100, taken, 2);
        decoder.feed(bytes("<13>a\n<13>b\n<13>c\n<13>d\n<13>e\n"));
        assertThat(taken).containsExactly("<13>a", "<13>b");
        assertThat(decoder.suspended()).isTrue();
        decoder.feed(bytes("<13>f\n<13>g"));
        decoder.endOfStream();
        assertThat(taken).containsExactly("<13>a", "<13>b");
        decoder.resume();
        assertThat(taken).containsExactly("<13>a", "<13>b", "<13>c", "<13>d");
        decoder.resume();
        assertThat(taken).containsExactly("<13>a", "<13>b", "<13>c", "<13>d", "<13>e", "<13>f");
        decoder.resume();
        assertThat(taken).containsExactly("<13>a", "<13>b", "<13>c", "<13>d", "<13>e", "<13>f", "<13>g");
        assertThat(decoder.buffered()).isZero();
        assertThat(malformed).isEmpty();
    }

    @Test
    void anOversizeLineAcrossASuspensionIsStillSkipped() {
        List<String> taken = new ArrayList<>();
        FrameDecoder decoder = suspendingDecoder(10, taken, 1);
        decoder.feed(bytes("<13>a\n<13>" + "x".repeat(30)));
        decoder.feed(bytes("y".repeat(30) + "\n<13>b\n<13>c\n"));
        assertThat(taken).containsExactly("<13>a");
        decoder.resume();
        assertThat(taken).containsExactly("<13>a", "<13>b");
        decoder.resume();
        assertThat(taken).containsExactly("<13>a", "<13>b", "<13>c");
        assertThat(oversize).hasSize(1);
        assertThat(decoder.buffered()).isZero();
    }

    /** A decoder that records frames in {@code taken} and suspends itself after every {@code every}-th frame. */
    private FrameDecoder suspendingDecoder(int maxMessageSize, List<String> taken, int every) {
        FrameDecoder[] holder = new FrameDecoder[1];
        holder[0] = new FrameDecoder(maxMessageSize, recordingSink(message -> {
            taken.add(message);
            if (taken.size() % every == 0) {
                holder[0].suspend();
            }
        }));
        return holder[0];
    }
}
