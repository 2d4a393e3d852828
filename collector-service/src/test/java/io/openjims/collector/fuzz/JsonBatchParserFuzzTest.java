package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.collector.ingest.service.BatchTooLargeException;
import io.openjims.collector.ingest.service.IdentityEventFactory;
import io.openjims.collector.ingest.service.ItemResult;
import io.openjims.collector.ingest.service.JsonBatchParser;
import io.openjims.collector.ingest.service.ParsedItem;
import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityText;
import io.openjims.model.contract.IpAddresses;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Any body to the JSON ingest parser and the item validation behind it: a {@link BadDocumentException} or {@link
 * BatchTooLargeException}, else items; every event accepted from them has valid {@link IdentityText} fields.
 */
class JsonBatchParserFuzzTest {

    private final IdentityEventFactory factory = new IdentityEventFactory(
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), new EventSource("c1", "json", "fuzz"));

    @FuzzTest
    void parse(byte[] input) {
        List<ParsedItem> items;
        try {
            items = JsonBatchParser.parse(input, 1000);
        } catch (BadDocumentException | BatchTooLargeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        FuzzChecks.wellFormed(items);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).item() == null) {
                continue;
            }
            if (factory.create(i, items.get(i).item()) instanceof ItemResult.Accepted accepted) {
                assertThat(IdentityText.problem(accepted.event())).isNull();
                assertThat(accepted.event().ip())
                        .isEqualTo(IpAddresses.canonicalOrNull(accepted.event().ip()));
            }
        }
    }
}
