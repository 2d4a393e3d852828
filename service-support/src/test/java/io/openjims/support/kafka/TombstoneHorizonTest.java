package io.openjims.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.support.kafka.TombstoneHorizon.Action;
import io.openjims.support.kafka.TombstoneHorizon.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TombstoneHorizonTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void aConsumerWithinTheHorizonGoesOn() {
        assertThat(TombstoneHorizon.decide(100L, 0, 200L, NOW.minus(Duration.ofDays(6)), NOW, WEEK))
                .isEqualTo(Decision.NONE);
        assertThat(TombstoneHorizon.decide(100L, 100, 200L, NOW, NOW, WEEK)).isEqualTo(Decision.NONE);
    }

    @Test
    void aConsumerThatNeverReadReadsFromTheBeginningAnyway() {
        assertThat(TombstoneHorizon.decide(null, 500, 900L, null, NOW, WEEK)).isEqualTo(Decision.NONE);
    }

    @Test
    void aPositionBelowTheLogStartRebuilds() {
        Decision d = TombstoneHorizon.decide(99L, 100, 200L, NOW, NOW, WEEK);
        assertThat(d.action()).isEqualTo(Action.REBUILD);
        assertThat(d.reason()).isEqualTo(TombstoneHorizon.BELOW_LOG_START);
        assertThat(d.rebuild()).isTrue();
        // Even at the end: the records between position and log start were never read.
        assertThat(TombstoneHorizon.decide(0L, 10, 10L, null, NOW, WEEK).reason())
                .isEqualTo(TombstoneHorizon.BELOW_LOG_START);
    }

    @Test
    void aLastReadOlderThanTheTombstoneRetentionRebuilds() {
        assertThat(TombstoneHorizon.decide(100L, 0, 200L, NOW.minus(WEEK), NOW, WEEK))
                .isEqualTo(new Decision(Action.REBUILD, TombstoneHorizon.OLDER_THAN_RETENTION));
        assertThat(TombstoneHorizon.decide(100L, 0, null, NOW.minus(Duration.ofDays(30)), NOW, WEEK)
                        .reason())
                .isEqualTo(TombstoneHorizon.OLDER_THAN_RETENTION);
        assertThat(TombstoneHorizon.decide(100L, 0, 200L, NOW.minus(WEEK).plusSeconds(1), NOW, WEEK))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void aConsumerAtTheEndHasNothingLeftToMissHoweverOld() {
        assertThat(TombstoneHorizon.decide(200L, 0, 200L, NOW.minus(Duration.ofDays(30)), NOW, WEEK))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void anUnknownReadTimeLeavesOnlyTheOffsetRule() {
        assertThat(TombstoneHorizon.decide(100L, 0, 200L, null, NOW, WEEK)).isEqualTo(Decision.NONE);
    }
}
