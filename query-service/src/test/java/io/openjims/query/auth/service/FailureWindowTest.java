package io.openjims.query.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureWindowTest {

    @Test
    void blocksAtTheLimitAndFreesWhenTheOldestFailureLeavesTheWindow() {
        FailureWindow window = new FailureWindow(1_000, 3, 100);
        window.recordFailure("k", 0);
        window.recordFailure("k", 100);
        assertThat(window.blockedForMillis("k", 200)).isZero();
        window.recordFailure("k", 200);

        assertThat(window.blockedForMillis("k", 300)).isEqualTo(700);
        assertThat(window.blockedForMillis("k", 999)).isEqualTo(1);
        // The failure at 0 leaves the window at 1000: two remain, below the limit.
        assertThat(window.blockedForMillis("k", 1_000)).isZero();
        assertThat(window.blockedForMillis("other", 300)).isZero();
    }

    @Test
    void theWindowSlides() {
        FailureWindow window = new FailureWindow(1_000, 2, 100);
        window.recordFailure("k", 0);
        window.recordFailure("k", 900);
        assertThat(window.blockedForMillis("k", 950)).isEqualTo(50);
        assertThat(window.blockedForMillis("k", 1_000)).isZero();
        window.recordFailure("k", 1_100);
        // 900 and 1100 are both in the window ending at 1500.
        assertThat(window.blockedForMillis("k", 1_500)).isEqualTo(400);
        assertThat(window.blockedForMillis("k", 1_900)).isZero();
    }

    @Test
    void purgeForgetsQuietKeysAndMemoryIsBounded() {
        FailureWindow window = new FailureWindow(1_000, 2, 3);
        assertThat(window.recordFailure("a", 0)).isTrue();
        assertThat(window.recordFailure("b", 0)).isTrue();
        assertThat(window.recordFailure("c", 500)).isTrue();
        assertThat(window.recordFailure("d", 600)).isFalse();
        assertThat(window.trackedKeys()).isEqualTo(3);
        // "a" and "b" expire at 1000, making room.
        assertThat(window.recordFailure("d", 1_000)).isTrue();
        assertThat(window.trackedKeys()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            window.recordFailure("c", 1_000 + i);
        }
        assertThat(window.purge(5_000)).isZero();
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new FailureWindow(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureWindow(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
