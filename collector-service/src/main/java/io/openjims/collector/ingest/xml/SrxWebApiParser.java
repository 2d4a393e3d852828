package io.openjims.collector.ingest.xml;

import io.openjims.collector.ingest.service.IngestItem;
import io.openjims.collector.ingest.service.ParsedItem;
import io.openjims.model.Device;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads the Juniper SRX Web API {@code userfw-entries} document (as ClearPass and PacketFence post it to an SRX):
 * {@code <userfw-entries><userfw-entry><source/><timestamp/><operation>logon|logoff</operation><timeout/><IP/>
 * <domain/><user/><role-list><role/></role-list><posture/><end-user-attribute><device-identity><value/><groups>
 * <group/></groups></device-identity><device-category/><device-os/><device-os-version/></end-user-attribute>
 * </userfw-entry>...</userfw-entries>}. {@code timeout} is in minutes. A lone {@code userfw-entry} root is accepted.
 */
public final class SrxWebApiParser {

    private SrxWebApiParser() {}

    public static List<ParsedItem> parse(byte[] xml) {
        Element root = SafeXml.parse(xml).getDocumentElement();
        String rootName = SafeXml.localName(root);
        List<Element> entries;
        if ("userfw-entries".equals(rootName)) {
            entries = SafeXml.children(root, "userfw-entry");
        } else if ("userfw-entry".equals(rootName)) {
            entries = List.of(root);
        } else {
            throw new BadDocumentException("expected a <userfw-entries> document, got <" + rootName + ">");
        }
        List<ParsedItem> items = new ArrayList<>(entries.size());
        for (Element entry : entries) {
            items.add(entry(entry));
        }
        return items;
    }

    private static ParsedItem entry(Element entry) {
        Long timeout = null;
        String timeoutText = SafeXml.childText(entry, "timeout");
        if (timeoutText != null) {
            try {
                timeout = Long.parseLong(timeoutText);
            } catch (NumberFormatException e) {
                return ParsedItem.unreadable("timeout '" + timeoutText + "' is not a whole number of minutes");
            }
        }
        List<String> roles = null;
        Element roleList = SafeXml.child(entry, "role-list");
        if (roleList != null) {
            roles = texts(roleList, "role");
        }
        return ParsedItem.of(new IngestItem(
                SafeXml.childText(entry, "operation"),
                firstNonNull(SafeXml.childText(entry, "IP"), SafeXml.childText(entry, "ip")),
                SafeXml.childText(entry, "user"),
                SafeXml.childText(entry, "domain"),
                SafeXml.childText(entry, "timestamp"),
                timeout,
                device(SafeXml.child(entry, "end-user-attribute")),
                SafeXml.childText(entry, "posture"),
                roles));
    }

    private static Device device(Element attributes) {
        if (attributes == null) {
            return null;
        }
        String identity = null;
        List<String> groups = null;
        Element deviceIdentity = SafeXml.child(attributes, "device-identity");
        if (deviceIdentity != null) {
            identity = SafeXml.childText(deviceIdentity, "value");
            Element groupList = SafeXml.child(deviceIdentity, "groups");
            if (groupList != null) {
                groups = texts(groupList, "group");
            }
        }
        String os = SafeXml.childText(attributes, "device-os");
        String osVersion = SafeXml.childText(attributes, "device-os-version");
        if (os != null && osVersion != null) {
            os = os + " " + osVersion;
        }
        return new Device(identity, groups, os, SafeXml.childText(attributes, "device-category"));
    }

    private static List<String> texts(Element parent, String name) {
        List<String> values = new ArrayList<>();
        for (Element element : SafeXml.children(parent, name)) {
            String text = element.getTextContent().trim();
            if (!text.isEmpty()) {
                values.add(text);
            }
        }
        return values;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
