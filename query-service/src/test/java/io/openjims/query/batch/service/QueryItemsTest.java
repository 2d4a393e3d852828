package io.openjims.query.batch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QueryItemsTest {

    @Test
    void timesAreWrittenExactlyAsIsoInstant() {
        long[] edges = {
            0,
            1,
            999,
            1000,
            -1,
            -1000,
            -1001,
            86_399_999,
            86_400_000,
            951_782_400_000L, // 2000-02-29
            1_795_000_000_120L,
            253_402_300_799_999L, // 9999-12-31T23:59:59.999Z
            253_402_300_800_000L,
            -30_610_224_000_001L, // 10000 and 999: the formatter's own
            Instant.parse("2026-11-22T10:00:00Z").toEpochMilli()
        };
        for (long t : edges) {
            assertThat(QueryItems.time(t)).as("%d", t).isEqualTo(iso(t));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(-30_000_000_000_000L, 260_000_000_000_000L);
            long millis = i % 3 == 0 ? t - Math.floorMod(t, 1000) : t; // also whole seconds
            assertThat(QueryItems.time(millis)).as("%d", millis).isEqualTo(iso(millis));
        }
        assertThat(QueryItems.time(Instant.parse("2026-11-22T10:00:00.120Z").toEpochMilli()))
                .isEqualTo("2026-11-22T10:00:00.120Z");
    }

    private static String iso(long millis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }
}
