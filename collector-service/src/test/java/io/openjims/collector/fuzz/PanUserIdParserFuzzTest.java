package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.collector.ingest.service.ParsedItem;
import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.collector.ingest.xml.PanUserIdParser;
import java.util.List;

/** Any body to the PAN-OS User-ID parser: items (each an item or an error) or a {@link BadDocumentException}. */
class PanUserIdParserFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        List<ParsedItem> items;
        try {
            items = PanUserIdParser.parse(input);
        } catch (BadDocumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        FuzzChecks.wellFormed(items);
    }
}
