package io.openjims.collector.ingest.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.collector.ingest.service.IngestItem;
import io.openjims.collector.ingest.service.IngestResult;
import io.openjims.collector.ingest.service.ParsedItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanUserIdParserTest {

    private static List<ParsedItem> parse(String xml) {
        return PanUserIdParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLoginAndLogoutEntries() {
        List<ParsedItem> items = parse(XmlSamples.uidMessage("corp\\alice", "10.1.2.3", "corp\\bob", "10.1.2.4"));
        assertThat(items)
                .extracting(ParsedItem::item)
                .containsExactly(
                        new IngestItem("logon", "10.1.2.3", "corp\\alice", null, null, 45L, null, null, null),
                        new IngestItem("logoff", "10.1.2.4", "corp\\bob", null, null, null, null, null, null));
    }

    @Test
    void entriesWithoutNameOrWithABadTimeoutAreRejectedAlone() {
        List<ParsedItem> items = parse("<uid-message><payload><login><entry ip=\"10.0.0.1\"/>"
                + "<entry name=\"d\\u\" ip=\"10.0.0.2\" timeout=\"x\"/><entry name=\"d\\v\" ip=\"10.0.0.3\""
                + " timeout=\"0\"/></login><groups/></payload></uid-message>");
        assertThat(items.get(0).error()).isEqualTo("entry has no name attribute (domain\\user)");
        assertThat(items.get(1).error()).contains("timeout 'x'");
        // PAN-OS timeout 0: the mapping never expires.
        assertThat(items.get(2).item().timeout()).isZero();
    }

    @Test
    void xxeAndBrokenDocumentsAreRefused() {
        assertThatThrownBy(() -> parse(XmlSamples.xxe("uid-message")))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("DTDs");
        assertThatThrownBy(() -> parse("<uid-message><payload>"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> parse("<uid-message><version>2.0</version></uid-message>"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("no <payload>");
    }

    @Test
    void responsesUsePanForm() {
        assertThat(PanResponses.success(new IngestResult(1, List.of(new IngestResult.Rejection(1, "ip \"x\" <bad>")))))
                .startsWith("<response status=\"success\"><result><uid-response>")
                .contains("<accepted>1</accepted>")
                .contains("<entry index=\"1\" error=\"ip &quot;x&quot; &lt;bad&gt;\"/>");
        assertThat(PanResponses.error("403", "Invalid Credential"))
                .isEqualTo("<response status=\"error\" code=\"403\"><result><msg>Invalid Credential</msg></result>"
                        + "</response>");
    }
}
