package io.openjims.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theBarFillsWithTheFixedShare() {
        assertThat(ProgressBar.render(4, 0, 8)).isEqualTo("[--------] Total 4 | Fixed 0 | Remaining 4");
        assertThat(ProgressBar.render(4, 1, 8)).isEqualTo("[##------] Total 4 | Fixed 1 | Remaining 3");
        assertThat(ProgressBar.render(3, 2, 10)).isEqualTo("[#######---] Total 3 | Fixed 2 | Remaining 1");
        assertThat(ProgressBar.render(4, 4, 8)).isEqualTo("[########] Total 4 | Fixed 4 | Remaining 0");
        assertThat(ProgressBar.render(0, 0, 4)).isEqualTo("[####] Total 0 | Fixed 0 | Remaining 0");
    }
}
