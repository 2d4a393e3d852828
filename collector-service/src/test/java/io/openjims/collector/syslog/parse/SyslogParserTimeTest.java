package io.openjims.collector.syslog.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast RFC 3339 reader gives exactly what OffsetDateTime.parse gives, and refuses what it refuses. */
class SyslogParserTimeTest {

    @Test
    void readsLikeOffsetDateTime() {
        for (String text : List.of(
                "2024-03-05T10:15:42Z",
                "2024-03-05t10:15:42z",
                "2003-10-11T22:14:15.003Z",
                "2003-08-24T05:14:15.000003-07:00",
                "2024-02-29T23:59:59.123456789+05:30",
                "2024-03-05T10:15:42.1+00:00",
                "2024-03-05T10:15Z",
                "2024-03-05T10:15:42.Z",
                "2024-03-05T10:15:42+18:00",
                "2024-03-05T10:15:42-18:00")) {
            assertThat(SyslogParser.rfc3339(text))
                    .as(text)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void refusesWhatOffsetDateTimeRefuses() {
        for (String text : List.of(
                "2023-02-29T10:15:42Z",
                "2024-13-05T10:15:42Z",
                "2024-03-05T24:00:00Z",
                "2024-03-05T10:15:60Z",
                "2024-03-05T10:15:42.1234567890Z",
                "2024-03-05T10:15:42+19:00",
                "2024-03-05T10:15:42+05:60",
                "2024-03-05T10:15:42",
                "2024-03-05 10:15:42Z",
                "2024-0x-05T10:15:42Z")) {
            assertThatThrownBy(() -> SyslogParser.rfc3339(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
