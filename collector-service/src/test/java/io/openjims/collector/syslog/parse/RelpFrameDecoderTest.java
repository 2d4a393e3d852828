package io.openjims.collector.syslog.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelpFrameDecoderTest {

    private final List<String> frames = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final RelpFrameDecoder decoder = new RelpFrameDecoder(100, new RelpFrameDecoder.Sink() {
        @Override
        public void frame(long txnr, String command, byte[] data) {
            frames.add(txnr + " " + command + " [" + new String(data, StandardCharsets.UTF_8) + "]");
        }

        @Override
        public void protocolError(String reason) {
            errors.add(reason);
        }
    });

    private void feed(String s) {
        decoder.feed(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesAsRsyslogSendsThem() {
        feed("1 open 86 relp_version=0\nrelp_software=librelp,1.11.0,http://librelp.adiscon.com\ncommands=syslog\n"
                + "2 syslog 12 <13>hello wo\n\n3 close 0\n");
        assertThat(frames)
                .containsExactly(
                        "1 open [relp_version=0\nrelp_software=librelp,1.11.0,http://librelp.adiscon.com\n"
                                + "commands=syslog]",
                        "2 syslog [<13>hello wo]",
                        "3 close []");
        assertThat(errors).isEmpty();
        assertThat(decoder.midFrame()).isFalse();
    }

    @Test
    void framesSplitAtAnyByteAreReassembled() {
        String stream = "7 syslog 6 héllo\n8 syslog 3 abc\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            decoder.feed(new byte[] {b});
        }
        assertThat(frames).containsExactly("7 syslog [héllo]", "8 syslog [abc]");
        assertThat(errors).isEmpty();
    }

    @Test
    void aStreamEndingInsideAFrameIsMidFrame() {
        feed("9 syslog 10 abc");
        assertThat(frames).isEmpty();
        assertThat(decoder.midFrame()).isTrue();
    }

    @Test
    void protocolErrorsAreReportedOnceAndStopTheStream() {
        feed("1 syslog 3 abc\nx syslog 3 abc\n2 syslog 3 abc\n");
        assertThat(frames).containsExactly("1 syslog [abc]");
        assertThat(errors).containsExactly("bad transaction number");
    }

    @Test
    void eachKindOfBadFrameIsRefused() {
        for (String[] c : List.of(
                new String[] {"0 syslog 3 abc\n", "transaction number 0"},
                new String[] {"1234567890 syslog 3 abc\n", "bad transaction number"},
                new String[] {"1 sys-log 3 abc\n", "bad command"},
                new String[] {"1 syslog x abc\n", "bad data length"},
                new String[] {"1 syslog 101 " + "a".repeat(101) + "\n", "frame of 101 bytes is longer than 100"},
                new String[] {"1 syslog 3 abcd\n", "frame not ended by a line feed"},
                new String[] {"1 syslog 3\n", "bad data length"})) {
            List<String> seen = new ArrayList<>();
            new RelpFrameDecoder(100, new RelpFrameDecoder.Sink() {
                        @Override
                        public void frame(long txnr, String command, byte[] data) {
                            seen.add("frame");
                        }

                        @Override
                        public void protocolError(String reason) {
                            seen.add(reason);
                        }
                    })
                    .feed(c[0].getBytes(StandardCharsets.UTF_8));
            assertThat(seen).as(c[0]).containsExactly(c[1]);
        }
    }
}
