package io.openjims.collector.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.model.Device;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBatchParserTest {

    private static List<ParsedItem> parse(String json) {
        return JsonBatchParser.parse(json.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void readsItemsWithOptionalFieldsAndBothDeviceForms() {
        List<ParsedItem> items = parse("""
                [{"operation":"logon","ip":"10.1.2.3","user":"alice","domain":"example.com",
                  "timestamp":"2026-11-22T10:00:00Z","timeout":30,"device":"PC-1","posture":"Healthy"},
                 {"operation":"logoff","ip":"10.1.2.4","user":"bob","domain":"example.com",
                  "device":{"identity":"PC-2","groups":["laptops"],"os":"Linux"}}]""");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).item())
                .isEqualTo(new IngestItem(
                        "logon",
                        "10.1.2.3",
                        "alice",
                        "example.com",
                        "2026-11-22T10:00:00Z",
                        30L,
                        new Device("PC-1", null, null, null),
                        "Healthy",
                        null));
        assertThat(items.get(1).item().device()).isEqualTo(new Device("PC-2", List.of("laptops"), "Linux", null));
    }

    @Test
    void wrongTypesRejectOnlyTheirItem() {
        List<ParsedItem> items = parse("[1, {\"ip\": 5}, {\"timeout\": \"ten\"}, {\"device\": [1]}]");
        assertThat(items)
                .extracting(ParsedItem::error)
                .containsExactly(
                        "item must be a JSON object, got a JSON number",
                        "ip must be a string, got a JSON number",
                        "timeout must be a whole number of minutes",
                        "device must be a string or an object");
    }

    @Test
    void brokenJsonNamesWhereItBroke() {
        assertThatThrownBy(() -> parse("[{\"operation\": \"logon\",,}]"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> parse("{\"operation\": \"logon\"}"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> parse("")).isInstanceOf(BadDocumentException.class);
    }

    @Test
    void tooManyItemsIsRefusedAsAWhole() {
        assertThatThrownBy(() -> JsonBatchParser.parse("[{},{},{}]".getBytes(StandardCharsets.UTF_8), 2))
                .isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("at most 2 events, this one has 3");
    }
}
