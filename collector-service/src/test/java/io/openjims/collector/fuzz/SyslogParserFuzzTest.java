package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.collector.syslog.parse.SyslogFormat;
import io.openjims.collector.syslog.parse.SyslogMessage;
import io.openjims.collector.syslog.parse.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The syslog header parser never throws and returns a consistent message for any line. */
class SyslogParserFuzzTest {

    private final SyslogParser parser =
            new SyslogParser(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @FuzzTest
    void parse(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        SyslogMessage message = parser.parse(line);
        assertThat(message).isNotNull();
        assertThat(message.raw()).isNotNull();
        assertThat(line).startsWith(message.raw());
        assertThat(message.message()).isNotNull();
        if (message.format() == SyslogFormat.RAW) {
            assertThat(message.priority()).isEqualTo(-1);
        } else {
            assertThat(message.priority()).isBetween(0, 191);
        }
    }
}
