package io.openjims.query.batch.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.model.contract.IpAddresses;
import io.openjims.query.view.service.AddressPattern;
import io.openjims.support.api.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** Validates an SRX query body; every invalid field is named in one 400 message. Pure logic. */
public final class QueryRequestParser {

    public static final int MIN_ITEMS = 100;
    public static final int MAX_ITEMS = 1000;
    public static final int DEFAULT_ITEMS = 200;
    public static final int MAX_DOMAINS = 25;
    public static final int MAX_ADDRESS_ENTRIES = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueryRequestParser() {}

    public static QueryRequest parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("The body is not valid JSON; send a JSON object such as"
                    + " {\"query\": \"batch\", \"max_items\": 200}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(
                    "The body must be a JSON object with a \"query\" field" + " (\"batch\", \"ip\" or \"user\").");
        }
        JsonNode query = root.get("query");
        if (query == null || !query.isTextual()) {
            throw ApiException.badRequest("query is required: \"batch\", \"ip\" or \"user\".");
        }
        List<String> errors = new ArrayList<>();
        QueryRequest request = switch (query.asText().trim().toLowerCase(Locale.ROOT)) {
            case "batch" -> batch(root, errors);
            case "ip" -> ip(root, errors);
            case "user" -> user(root, errors);
            default -> {
                errors.add("query must be \"batch\", \"ip\" or \"user\", not \"" + query.asText() + "\"");
                yield null;
            }
        };
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", errors) + ".");
        }
        return request;
    }

    /**
     * An IP or user query read with a streaming parser (no tree): the request {@link #parse} returns for the same
     * body, or null for anything else (a batch query, an invalid field, not JSON), which {@link #parse} then answers.
     * As with {@link #parse}, the last of repeated fields counts and other fields are ignored.
     */
    public static QueryRequest parseIpOrUser(byte[] body) {
        String query = null;
        String ip = null;
        String domain = null;
        String user = null;
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                String text = value == JsonToken.VALUE_STRING ? p.getText() : NOT_TEXT;
                p.skipChildren();
                switch (name) {
                    case "query" -> query = text;
                    case "ip" -> ip = text;
                    case "domain" -> domain = text;
                    case "user" -> user = text;
                    default -> {}
                }
            }
            if (t != JsonToken.END_OBJECT || query == null || query == NOT_TEXT) {
                return null;
            }
        } catch (Exception e) {
            return null;
        }
        switch (query.trim().toLowerCase(Locale.ROOT)) {
            case "ip" -> {
                String canonical = ip == null || ip == NOT_TEXT ? null : IpAddresses.canonicalOrNull(ip);
                return canonical == null ? null : new QueryRequest.Ip(canonical);
            }
            case "user" -> {
                if (!present(domain) || !present(user)) {
                    return null;
                }
                return new QueryRequest.User(key(domain), key(user));
            }
            default -> {
                return null;
            }
        }
    }

    /** Marks a field whose value is not a string (never equal to a parsed string: compared by identity). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String NOT_TEXT = new String("not text");

    @SuppressWarnings("StringEquality")
    private static boolean present(String field) {
        return field != null && field != NOT_TEXT && !field.isBlank();
    }

    /** A domain or user name as queries compare it. */
    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static QueryRequest.Batch batch(JsonNode root, List<String> errors) {
        Instant timestamp = null;
        JsonNode ts = root.get("timestamp");
        if (ts != null && !ts.isNull()) {
            if (!ts.isTextual()) {
                errors.add("timestamp must be an RFC 3339 string such as \"2026-11-22T10:00:00Z\"");
            } else {
                try {
                    timestamp = OffsetDateTime.parse(ts.asText().trim()).toInstant();
                } catch (DateTimeParseException e) {
                    errors.add("timestamp \"" + ts.asText() + "\" is not RFC 3339 (e.g. \"2026-11-22T10:00:00Z\")");
                }
            }
        }
        String cookie = null;
        JsonNode ck = root.get("cookie");
        if (ck != null && !ck.isNull()) {
            if (!ck.isTextual() || ck.asText().isBlank()) {
                errors.add("cookie must be the string returned by the previous batch response");
            } else {
                cookie = ck.asText();
            }
        }
        if (ts != null && !ts.isNull() && ck != null && !ck.isNull()) {
            errors.add("send either timestamp or cookie, not both");
        }
        int maxItems = DEFAULT_ITEMS;
        JsonNode mi = root.get("max_items");
        if (mi != null && !mi.isNull()) {
            if (!mi.canConvertToInt() || !mi.isIntegralNumber()) {
                errors.add("max_items must be an integer between " + MIN_ITEMS + " and " + MAX_ITEMS);
            } else if (mi.asInt() < MIN_ITEMS || mi.asInt() > MAX_ITEMS) {
                errors.add("max_items must be between " + MIN_ITEMS + " and " + MAX_ITEMS + ", not " + mi.asInt());
            } else {
                maxItems = mi.asInt();
            }
        }
        QueryRequest.Filter filter = QueryRequest.Filter.NONE;
        JsonNode f = root.get("filter");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                errors.add("filter must be an object with optional domains, include and exclude lists");
            } else {
                filter = new QueryRequest.Filter(
                        domains(f.get("domains"), errors),
                        addresses("include", f.get("include"), errors),
                        addresses("exclude", f.get("exclude"), errors));
            }
        }
        return new QueryRequest.Batch(timestamp, cookie, maxItems, filter);
    }

    private static List<String> domains(JsonNode node, List<String> errors) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            errors.add("filter.domains must be a list of domain names");
            return out;
        }
        if (node.size() > MAX_DOMAINS) {
            errors.add("filter.domains has " + node.size() + " entries; at most " + MAX_DOMAINS + " are allowed");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode d = it.next();
            if (!d.isTextual() || d.asText().isBlank()) {
                errors.add("filter.domains entries must be non-empty strings");
            } else {
                out.add(d.asText().trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static List<AddressPattern> addresses(String field, JsonNode node, List<String> errors) {
        List<AddressPattern> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            errors.add("filter." + field + " must be a list of addresses, CIDR prefixes or wildcard addresses");
            return out;
        }
        if (node.size() > MAX_ADDRESS_ENTRIES) {
            errors.add("filter." + field + " has " + node.size() + " entries; at most " + MAX_ADDRESS_ENTRIES
                    + " are allowed");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode a = it.next();
            if (!a.isTextual()) {
                errors.add("filter." + field + " entries must be strings");
                continue;
            }
            try {
                out.add(AddressPattern.parse(a.asText()));
            } catch (IllegalArgumentException e) {
                errors.add("filter." + field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static QueryRequest.Ip ip(JsonNode root, List<String> errors) {
        JsonNode ip = root.get("ip");
        String canonical = ip != null && ip.isTextual() ? IpAddresses.canonicalOrNull(ip.asText()) : null;
        if (canonical == null) {
            errors.add("ip must be an IPv4 or IPv6 address");
        }
        return new QueryRequest.Ip(canonical);
    }

    private static QueryRequest.User user(JsonNode root, List<String> errors) {
        JsonNode domain = root.get("domain");
        JsonNode user = root.get("user");
        if (domain == null || !domain.isTextual() || domain.asText().isBlank()) {
            errors.add("domain is required for a user query");
        }
        if (user == null || !user.isTextual() || user.asText().isBlank()) {
            errors.add("user is required for a user query");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new QueryRequest.User(key(domain.asText()), key(user.asText()));
    }
}
