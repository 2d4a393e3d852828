package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading a section's items on import: each item checked in document order, a problem answered as 400 naming the
 * item ({@code section[3] (name): ...}) so the admin knows what to fix in the file.
 */
public final class SectionItems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SectionItems() {}

    /** Each object of the section array through {@code read}; problems (ApiException, bad fields) name the item. */
    public static <T> List<T> read(String section, JsonNode content, Function<ObjectNode, T> read) {
        if (content == null || !content.isArray()) {
            throw ApiException.badRequest("invalid_section", section + " must be an array");
        }
        List<T> out = new ArrayList<>();
        int position = 0;
        for (JsonNode item : content) {
            position++;
            String where = section + "[" + position + "]";
            if (!item.isObject()) {
                throw ApiException.badRequest("invalid_section", where + " must be an object");
            }
            if (item.hasNonNull("name")) {
                where += " (" + abbreviate(item.get("name").asText()) + ")";
            }
            try {
                out.add(read.apply((ObjectNode) item));
            } catch (ApiException e) {
                throw at(where, e);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_section", where + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The same problem, its message prefixed with where it is. */
    public static ApiException at(String where, ApiException e) {
        return new ApiException(e.status(), e.error(), where + ": " + e.getMessage(), e.field(), Map.of());
    }

    /** The item's fields (secret fields removed) as {@code type}; an unknown or mistyped field is a 400 naming it. */
    public static <T> T as(ObjectNode item, Class<T> type, String... secretFields) {
        ObjectNode copy = item.deepCopy();
        for (String field : secretFields) {
            copy.remove(field);
        }
        try {
            return MAPPER.treeToValue(copy, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                            && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName()
                    : null;
            throw new ApiException(
                    400,
                    "invalid_section",
                    field == null ? "not a valid item" : "field \"" + field + "\" is unknown or has the wrong type",
                    field,
                    Map.of());
        }
    }

    /** The object as a tree (for export), through the same mapping {@link #as} reads. */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Text, or null when absent or null. */
    public static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A list of texts, or null when absent; a non-text entry is a 400 naming the field. */
    public static List<String> strings(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.invalidField(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isTextual()) {
                throw ApiException.invalidField(field, "must be an array of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    /** Texts as a JSON array. */
    public static ArrayNode array(List<String> values) {
        ArrayNode out = MAPPER.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
