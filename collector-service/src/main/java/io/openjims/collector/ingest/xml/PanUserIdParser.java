package io.openjims.collector.ingest.xml;

import io.openjims.collector.ingest.service.IngestItem;
import io.openjims.collector.ingest.service.ParsedItem;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads a PAN-OS User-ID {@code uid-message}: {@code <uid-message><version>2.0</version><type>update</type><payload>
 * <login><entry name="domain\\user" ip="10.1.2.3" timeout="60"/></login><logout><entry name="domain\\user"
 * ip="10.1.2.3"/></logout></payload></uid-message>}. {@code timeout} is in minutes. Other payload sections (groups,
 * tags, ...) are ignored.
 */
public final class PanUserIdParser {

    private PanUserIdParser() {}

    public static List<ParsedItem> parse(byte[] xml) {
        Element root = SafeXml.parse(xml).getDocumentElement();
        if (!"uid-message".equals(SafeXml.localName(root))) {
            throw new BadDocumentException("expected a <uid-message> document, got <" + SafeXml.localName(root) + ">");
        }
        Element payload = SafeXml.child(root, "payload");
        if (payload == null) {
            throw new BadDocumentException("<uid-message> has no <payload>");
        }
        List<ParsedItem> items = new ArrayList<>();
        for (Element section : SafeXml.children(payload, "login")) {
            for (Element entry : SafeXml.children(section, "entry")) {
                items.add(entry(entry, "logon"));
            }
        }
        for (Element section : SafeXml.children(payload, "logout")) {
            for (Element entry : SafeXml.children(section, "entry")) {
                items.add(entry(entry, "logoff"));
            }
        }
        return items;
    }

    private static ParsedItem entry(Element entry, String operation) {
        Long timeout = null;
        String timeoutText = entry.getAttribute("timeout").trim();
        if (!timeoutText.isEmpty()) {
            try {
                // 0 means the mapping never expires (as on PAN-OS and the SRX JIMS profile).
                timeout = Long.parseLong(timeoutText);
            } catch (NumberFormatException e) {
                return ParsedItem.unreadable("timeout '" + timeoutText + "' is not a whole number of minutes");
            }
        }
        String name = entry.getAttribute("name").trim();
        String ip = entry.getAttribute("ip").trim();
        if (name.isEmpty()) {
            return ParsedItem.unreadable("entry has no name attribute (domain\\user)");
        }
        return ParsedItem.of(new IngestItem(operation, ip, name, null, null, timeout, null, null, null));
    }
}
