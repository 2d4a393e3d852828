package io.openjims.support.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LastSeenTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aClientIsStoredAtMostOncePerResolution() {
        MovableClock clock = new MovableClock();
        LastSeen seen = new LastSeen(Duration.ofMinutes(1), clock);
        Instant first = clock.now;
        assertThat(seen.seen("srx-1")).isTrue();
        clock.now = first.plusSeconds(30);
        assertThat(seen.seen("srx-1")).isFalse();
        assertThat(seen.seen("srx-2")).isTrue();
        assertThat(seen.drain()).isEqualTo(Map.of("srx-1", first, "srx-2", first.plusSeconds(30)));
        assertThat(seen.drain()).isEmpty();
        clock.now = first.plusSeconds(61);
        assertThat(seen.seen("srx-1")).isTrue();
        assertThat(seen.drain()).isEqualTo(Map.of("srx-1", first.plusSeconds(61)));
    }

    @Test
    void aFailedStoreIsRetriedUnlessANewerSightingCame() {
        MovableClock clock = new MovableClock();
        LastSeen seen = new LastSeen(Duration.ofSeconds(1), clock);
        Instant first = clock.now;
        seen.seen("a");
        seen.seen("b");
        Map<String, Instant> failed = seen.drain();
        clock.now = first.plusSeconds(2);
        seen.seen("a");
        seen.retry(failed);
        assertThat(seen.drain()).isEqualTo(Map.of("a", first.plusSeconds(2), "b", first));
        seen.forget("a");
        assertThat(seen.seen("a")).isTrue();
    }
}
