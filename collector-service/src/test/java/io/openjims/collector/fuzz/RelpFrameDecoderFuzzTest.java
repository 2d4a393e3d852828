package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.collector.syslog.parse.RelpFrameDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any byte stream to the RELP frame decoder: frames within the protocol's limits, at most one protocol error and
 * nothing after it, and the same result however the stream is split across reads.
 */
class RelpFrameDecoderFuzzTest {

    private static final int MAX_DATA = 4096;

    @FuzzTest
    void feed(byte[] input) {
        if (input.length == 0) {
            return;
        }
        // The first byte chooses where the stream is split in two reads.
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        int split = Math.min((input[0] & 0xff) * stream.length / 255, stream.length);

        List<String> whole = decode(stream);
        List<String> parts =
                decode(Arrays.copyOfRange(stream, 0, split), Arrays.copyOfRange(stream, split, stream.length));
        assertThat(parts).isEqualTo(whole);
    }

    private static List<String> decode(byte[]... reads) {
        List<String> events = new ArrayList<>();
        RelpFrameDecoder decoder = new RelpFrameDecoder(MAX_DATA, new RelpFrameDecoder.Sink() {
            @Override
            public void frame(long txnr, String command, byte[] data) {
                assertThat(events).noneMatch(event -> event.startsWith("error"));
                assertThat(txnr).isBetween(1L, 999_999_999L);
                assertThat(command).matches("[A-Za-z]{1,32}");
                assertThat(data.length).isLessThanOrEqualTo(MAX_DATA);
                events.add(txnr + " " + command + " " + Arrays.toString(data));
            }

            @Override
            public void protocolError(String reason) {
                assertThat(events).noneMatch(event -> event.startsWith("error"));
                assertThat(reason).isNotBlank();
                events.add("error " + reason);
            }
        });
        for (byte[] read : reads) {
            decoder.feed(read);
        }
        return events;
    }
}
