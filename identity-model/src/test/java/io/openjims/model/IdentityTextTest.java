package io.openjims.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityTextTest {

    @Test
    void plainAndInternationalTextIsAccepted() {
        assertThat(IdentityText.problem("alice", 256)).isNull();
        assertThat(IdentityText.problem("Jürgen Müller-Łukasz 山田 😀", 256)).isNull();
        assertThat(IdentityText.problem("EXAMPLE\\alice", 256)).isNull();
        assertThat(IdentityText.problem((String) null, 256)).isNull();
    }

    @Test
    void controlCharactersAreRefused() {
        for (char c : new char[] {0, 1, '\t', '\n', '\r', 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029}) {
            assertThat(IdentityText.problem("a" + c + "b", 256))
                    .as("U+%04X", (int) c)
                    .isEqualTo(IdentityText.CONTROL_CHARACTER);
        }
    }

    @Test
    void invalidUtf8AndBrokenSurrogatesAreRefused() {
        String decoded = new String(new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'}, StandardCharsets.UTF_8);
        assertThat(IdentityText.problem(decoded, 256)).isEqualTo(IdentityText.INVALID_UNICODE);
        assertThat(IdentityText.problem("a\uD800b", 256)).isEqualTo(IdentityText.INVALID_UNICODE);
        assertThat(IdentityText.problem("a\uDC00", 256)).isEqualTo(IdentityText.INVALID_UNICODE);
        assertThat(IdentityText.problem("a\uD800", 256)).isEqualTo(IdentityText.INVALID_UNICODE);
        assertThat(IdentityText.problem("\uFFFF", 256)).isEqualTo(IdentityText.INVALID_UNICODE);
    }

    @Test
    void lengthsAndListSizesAreBounded() {
        assertThat(IdentityText.problem("x".repeat(256), 256)).isNull();
        assertThat(IdentityText.problem("x".repeat(257), 256)).isEqualTo(IdentityText.TOO_LONG);
        assertThat(IdentityText.problem("x".repeat(64 * 1024), 2048)).isEqualTo(IdentityText.TOO_LONG);
        assertThat(IdentityText.problem(Collections.nCopies(IdentityText.MAX_LIST + 1, "g"), 256))
                .isEqualTo(IdentityText.TOO_MANY);
        assertThat(IdentityText.problem(List.of("ok", "b\0d"), 256)).isEqualTo(IdentityText.CONTROL_CHARACTER);
    }

    @Test
    void eventProblemsNameTheField() {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(IdentityText.problem(event("alice", now, now))).isNull();
        assertThat(IdentityText.problem(event("a\0b", now, now)))
                .isEqualTo(new IdentityText.Problem("user", IdentityText.CONTROL_CHARACTER));
        assertThat(IdentityText.problem(event("alice", Instant.parse("+10000-01-01T00:00:00Z"), now)))
                .isEqualTo(new IdentityText.Problem("occurred_at", IdentityText.TIME_OUT_OF_RANGE));
        assertThat(IdentityText.problem(event("alice", Instant.parse("2999-01-01T00:00:00Z"), now)))
                .as("in range for storage; the skew rule clamps it")
                .isNull();
    }

    @Test
    void futureTimesBeyondTheSkewFallBackToReceiveTime() {
        Instant received = Instant.parse("2026-12-06T10:00:00Z");
        Duration skew = Duration.ofMinutes(5);
        assertThat(IdentityText.boundedTime(received.plusSeconds(299), received, skew))
                .isEqualTo(received.plusSeconds(299));
        assertThat(IdentityText.boundedTime(received.minusSeconds(3600), received, skew))
                .isEqualTo(received.minusSeconds(3600));
        assertThat(IdentityText.boundedTime(Instant.parse("2999-01-01T00:00:00Z"), received, skew))
                .isEqualTo(received);
        assertThat(IdentityText.boundedTime(null, received, skew)).isNull();
    }

    private static IdentityEvent event(String user, Instant occurred, Instant received) {
        return new IdentityEvent(
                "id-1",
                IdentityEvent.SCHEMA_VERSION,
                Operation.LOGON,
                "10.1.2.3",
                "example.com",
                user,
                List.of("staff"),
                new Device("laptop-1", List.of(), "Windows", null),
                null,
                null,
                new EventSource("c1", "json", "client"),
                occurred,
                received);
    }
}
