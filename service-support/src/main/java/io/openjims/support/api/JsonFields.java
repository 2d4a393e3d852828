package io.openjims.support.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed fields of an admin API's JSON body, each refused with 400 {@code invalid_request} naming the field when it
 * has the wrong type (a body that is not JSON: 400 {@code invalid_json}). Absent and null fields are the same.
 */
public final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {}

    /** The body as a JSON object, or null when it is empty or not an object; 400 {@code invalid_json} when unreadable. */
    public static JsonNode object(byte[] body, String expected) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "body is not valid JSON; " + expected);
        }
        return node != null && node.isObject() ? node : null;
    }

    /** A text field, or null when absent. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, "invalid_request", field + " must be text");
        }
        return value.asText();
    }

    /** A list of strings, empty when absent. */
    public static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(400, "invalid_request", field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ApiException(400, "invalid_request", field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A boolean field, {@code absent} when absent. */
    public static boolean bool(JsonNode node, String field, boolean absent) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new ApiException(400, "invalid_request", field + " must be true or false");
        }
        return value.asBoolean();
    }
}
