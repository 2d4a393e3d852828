package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.ingest.service.ParsedItem;
import java.util.List;

/** Invariants shared by the ingest parsers' fuzz tests. */
final class FuzzChecks {

    private FuzzChecks() {}

    /** Each item was either read or refused with a reason, never both or neither. */
    static void wellFormed(List<ParsedItem> items) {
        assertThat(items).isNotNull();
        for (ParsedItem item : items) {
            assertThat(item.item() == null).as("item or error").isEqualTo(item.error() != null);
            if (item.error() != null) {
                assertThat(item.error()).isNotBlank();
            }
        }
    }
}
