package io.openjims.collector.syslog.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogParserTest {

    private final SyslogParser parser =
            new SyslogParser(Clock.fixed(Instant.parse("2024-03-05T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void rfc5424() {
        SyslogMessage message = parser.parse(
                "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                        + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event");
        assertThat(message.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(message.priority()).isEqualTo(165);
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(message.hostname()).isEqualTo("mymachine.example.com");
        assertThat(message.appName()).isEqualTo("evntslog");
        assertThat(message.message()).isEqualTo("An application event");
    }

    @Test
    void rfc5424WithNilValuesAndOffset() {
        SyslogMessage message = parser.parse("<34>1 2003-08-24T05:14:15.000003-07:00 - - - - - hello\r\n");
        assertThat(message.format()).isEqualTo(SyslogFormat.RFC5424);
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
        assertThat(message.hostname()).isNull();
        assertThat(message.message()).isEqualTo("hello");
        assertThat(message.raw()).doesNotEndWith("\n");
    }

    @Test
    void rfc3164() {
        SyslogMessage message = parser.parse("<34>Oct  1 22:14:15 mymachine su[123]: 'su root' failed for lonvick");
        assertThat(message.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(message.priority()).isEqualTo(34);
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2023-10-01T22:14:15Z"));
        assertThat(message.hostname()).isEqualTo("mymachine");
        assertThat(message.appName()).isEqualTo("su");
        assertThat(message.message()).isEqualTo("su[123]: 'su root' failed for lonvick");
    }

    @Test
    void rfc3164WithIsoTime() {
        SyslogMessage message = parser.parse("<13>2024-03-05T10:15:42+01:00 host app: text");
        assertThat(message.format()).isEqualTo(SyslogFormat.RFC3164);
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2024-03-05T09:15:42Z"));
        assertThat(message.hostname()).isEqualTo("host");
    }

    @Test
    void anythingElseIsRawAndNeverThrows() {
        for (String line : new String[] {
            "user=alice ip=10.1.2.3 action=login",
            "<999>1 x",
            "<13>",
            "<>",
            "<13>1 not-a-time host app - - - msg",
            "<13>1 2024-03-05T10:15:42Z host app - - [unclosed",
            "<13>Foo 99 99:99:99 host",
            "",
            "\u0000\u0001"
        }) {
            SyslogMessage message = parser.parse(line);
            assertThat(message).isNotNull();
            if (message.format() == SyslogFormat.RAW) {
                assertThat(message.message()).isEqualTo(message.raw());
            }
        }
        assertThat(parser.parse("user=alice ip=10.1.2.3 action=login").format()).isEqualTo(SyslogFormat.RAW);
        assertThat(parser.parse("<13>1 not-a-time host app - - - msg").format()).isEqualTo(SyslogFormat.RAW);
    }
}
