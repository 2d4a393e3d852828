package io.openjims.collector.ingest.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.collector.ingest.service.IngestItem;
import io.openjims.collector.ingest.service.ParsedItem;
import io.openjims.model.Device;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrxWebApiParserTest {

    private static List<ParsedItem> parse(String xml) {
        return SrxWebApiParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldOfTheUserfwEntries() {
        List<ParsedItem> items = parse(XmlSamples.srxEntries("alice", "10.1.2.3", "bob", "10.1.2.4"));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).item())
                .isEqualTo(new IngestItem(
                        "logon",
                        "10.1.2.3",
                        "alice",
                        "example.com",
                        "2026-11-22T10:00:01Z",
                        120L,
                        new Device("PC-42", List.of("laptops"), "Windows 11", "Computer"),
                        "Healthy",
                        List.of("contractors", "wifi-guests")));
        assertThat(items.get(1).item())
                .isEqualTo(new IngestItem(
                        "logoff", "10.1.2.4", "bob", "example.com", "2026-11-22T10:00:02Z", null, null, null, null));
    }

    @Test
    void aSingleEntryRootIsAccepted() {
        assertThat(parse("<userfw-entry><operation>logon</operation><IP>10.0.0.9</IP><user>u</user>"
                        + "<domain>d</domain></userfw-entry>"))
                .singleElement()
                .extracting(item -> item.item().ip())
                .isEqualTo("10.0.0.9");
    }

    @Test
    void anUnreadableTimeoutRejectsOnlyItsEntry() {
        assertThat(parse("<userfw-entries><userfw-entry><timeout>soon</timeout></userfw-entry></userfw-entries>"))
                .singleElement()
                .extracting(ParsedItem::error)
                .isEqualTo("timeout 'soon' is not a whole number of minutes");
    }

    @Test
    void externalEntitiesAndDtdsAreRefused() {
        assertThatThrownBy(() -> parse(XmlSamples.xxe("userfw-entries")))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("DTDs (<!DOCTYPE>) are not allowed");
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><userfw-entries>&lol2;</userfw-entries>";
        assertThatThrownBy(() -> parse(billionLaughs)).isInstanceOf(BadDocumentException.class);
    }

    @Test
    void malformedDocumentsNameTheProblem() {
        assertThatThrownBy(() -> parse("<userfw-entries><userfw-entry></userfw-entries>"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("not well-formed at line 1");
        assertThatThrownBy(() -> parse("<uid-message/>"))
                .isInstanceOf(BadDocumentException.class)
                .hasMessageContaining("expected a <userfw-entries> document, got <uid-message>");
        assertThatThrownBy(() -> parse("")).isInstanceOf(BadDocumentException.class);
    }
}
