package io.openjims.collector.ingest.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.model.Device;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads the native JSON batch: an array of {@code {"operation", "ip", "user", "domain", "timestamp"?, "timeout"?,
 * "device"?, "posture"?}}. {@code device} is a name or {@code {"identity", "groups", "os", "category"}}. Pure logic.
 */
public final class JsonBatchParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBatchParser() {}

    /** Items in order; throws {@link BadDocumentException} when the body is not a JSON array. */
    public static List<ParsedItem> parse(byte[] body, int maxItems) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonParseException e) {
            throw new BadDocumentException("body is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw new BadDocumentException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadDocumentException("body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadDocumentException("body is empty; send a JSON array of identity events");
        }
        if (!root.isArray()) {
            throw new BadDocumentException("body must be a JSON array of identity events, got a JSON " + kind(root));
        }
        if (root.size() > maxItems) {
            throw new BatchTooLargeException(root.size(), maxItems);
        }
        List<ParsedItem> items = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            items.add(item(node));
        }
        return items;
    }

    private static ParsedItem item(JsonNode node) {
        if (!node.isObject()) {
            return ParsedItem.unreadable("item must be a JSON object, got a JSON " + kind(node));
        }
        try {
            return ParsedItem.of(new IngestItem(
                    text(node, "operation"),
                    text(node, "ip"),
                    text(node, "user"),
                    text(node, "domain"),
                    text(node, "timestamp"),
                    timeout(node.get("timeout")),
                    device(node.get("device")),
                    text(node, "posture"),
                    null));
        } catch (IllegalArgumentException e) {
            return ParsedItem.unreadable(e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got a JSON " + kind(value));
        }
        return value.asText();
    }

    private static Long timeout(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        throw new IllegalArgumentException("timeout must be a whole number of minutes");
    }

    private static Device device(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return new Device(value.asText(), null, null, null);
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("device must be a string or an object");
        }
        List<String> groups = null;
        JsonNode groupNode = value.get("groups");
        if (groupNode != null && !groupNode.isNull()) {
            if (!groupNode.isArray()) {
                throw new IllegalArgumentException("device.groups must be an array of strings");
            }
            groups = new ArrayList<>();
            for (Iterator<JsonNode> it = groupNode.elements(); it.hasNext(); ) {
                JsonNode group = it.next();
                if (!group.isTextual()) {
                    throw new IllegalArgumentException("device.groups must be an array of strings");
                }
                groups.add(group.asText());
            }
        }
        return new Device(
                deviceText(value, "identity"), groups, deviceText(value, "os"), deviceText(value, "category"));
    }

    private static String deviceText(JsonNode device, String field) {
        JsonNode value = device.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("device." + field + " must be a string");
        }
        return value.asText();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
