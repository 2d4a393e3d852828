package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromInitialToTheCapWithJitterBelowTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(backoff.ceilingMs(1)).isEqualTo(1_000);
        assertThat(backoff.ceilingMs(2)).isEqualTo(2_000);
        assertThat(backoff.ceilingMs(9)).isEqualTo(256_000);
        assertThat(backoff.ceilingMs(10)).isEqualTo(300_000);
        assertThat(backoff.ceilingMs(1_000)).isEqualTo(300_000);
        for (int attempt = 1; attempt < 20; attempt++) {
            long ms = backoff.delay(attempt).toMillis();
            assertThat(ms).isBetween(Math.max(1_000, backoff.ceilingMs(attempt) / 2), backoff.ceilingMs(attempt));
        }
    }
}
