package io.openjims.collector.events.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.events.config.EventRulesConfig.FutureTime;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void anEventWithinTheSkewIsKeptAsItIs() {
        IdentityEvent e = event("alice", NOW.plusSeconds(290));
        assertThat(EventGuard.check(e, SKEW, FutureTime.CLAMP)).isEqualTo(new EventGuard.Accepted(e, false));
        IdentityEvent old = event("alice", NOW.minusSeconds(86_400));
        assertThat(EventGuard.check(old, SKEW, FutureTime.REJECT)).isEqualTo(new EventGuard.Accepted(old, false));
    }

    @Test
    void anEventDatedFurtherAheadIsClampedToItsReceiveTimeOrRejected() {
        IdentityEvent e = event("alice", Instant.parse("2999-01-01T00:00:00Z"));
        var clamped = (EventGuard.Accepted) EventGuard.check(e, SKEW, FutureTime.CLAMP);
        assertThat(clamped.clamped()).isTrue();
        assertThat(clamped.event().occurredAt()).isEqualTo(NOW);
        assertThat(clamped.event().receivedAt()).isEqualTo(NOW);
        assertThat(clamped.event().user()).isEqualTo("alice");

        var refused = (EventGuard.Refused) EventGuard.check(e, SKEW, FutureTime.REJECT);
        assertThat(refused.reason()).isEqualTo("time_in_future");
        assertThat(refused.detail()).contains("in the future");
    }

    @Test
    void badTextAndOutOfRangeTimesAreRefusedWithTheField() {
        assertThat(EventGuard.check(event("a\0b", NOW), SKEW, FutureTime.CLAMP))
                .isEqualTo(new EventGuard.Refused("control_character", "user: control_character"));
        assertThat(EventGuard.check(event("x".repeat(65_536), NOW), SKEW, FutureTime.CLAMP))
                .isEqualTo(new EventGuard.Refused("too_long", "user: too_long"));
        assertThat(EventGuard.check(event("bob", Instant.parse("+10000-01-01T00:00:00Z")), SKEW, FutureTime.CLAMP))
                .isEqualTo(new EventGuard.Refused("time_out_of_range", "occurred_at: time_out_of_range"));
    }

    private static IdentityEvent event(String user, Instant occurredAt) {
        return new IdentityEvent(
                "id",
                IdentityEvent.SCHEMA_VERSION,
                Operation.LOGON,
                "10.0.0.1",
                "example.com",
                user,
                List.of(),
                null,
                null,
                null,
                new EventSource("c", "syslog", "rule@10.0.0.9"),
                occurredAt,
                NOW);
    }
}
