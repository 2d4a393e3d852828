package io.openjims.query.auth.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.query.auth.service.TokenService;
import io.openjims.support.api.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads client credentials liberally (RFC 6749 §4.4): form fields, HTTP Basic with {@code grant_type} in the form, or
 * a JSON object with the same fields. The body is treated as JSON when the content type says so or when it starts
 * with '{', else as a form. Plain logic; tested without Quarkus.
 */
public final class TokenRequestParser {

    public static final String GRANT_TYPE = "client_credentials";
    static final int MAX_FIELD_LENGTH = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenRequestParser() {}

    /**
     * Parses and checks the request: 400 {@code invalid_request} for a malformed body or header, 400
     * {@code unsupported_grant_type} for another grant, 401 {@code invalid_client} when credentials are missing.
     */
    public static TokenRequest parse(String contentType, String body, String authorization) {
        Map<String, String> fields = bodyFields(contentType, body == null ? "" : body);
        String[] basic = basicCredentials(authorization);
        String grantType = fields.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw invalidRequest("grant_type is required: send grant_type=client_credentials");
        }
        if (!GRANT_TYPE.equals(grantType.strip())) {
            throw new ApiException(
                    400,
                    "unsupported_grant_type",
                    "grant_type \"" + shorten(grantType) + "\" is not supported: use client_credentials");
        }
        String clientId = fields.get("client_id");
        String clientSecret = fields.get("client_secret");
        if (basic != null) {
            if ((clientId != null && !clientId.equals(basic[0]))
                    || (clientSecret != null && !clientSecret.equals(basic[1]))) {
                throw invalidRequest("client credentials were sent both in the Authorization header and in the body"
                        + " and differ: send them once");
            }
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
            ApiException invalid = TokenService.invalidClient();
            throw new ApiException(
                    invalid.status(),
                    invalid.error(),
                    "client credentials are missing: send client_id and client_secret as form or JSON fields, or"
                            + " as HTTP Basic",
                    invalid.headers());
        }
        if (clientId.length() > MAX_FIELD_LENGTH || clientSecret.length() > MAX_FIELD_LENGTH) {
            throw invalidRequest("client_id and client_secret must be at most " + MAX_FIELD_LENGTH + " characters");
        }
        return new TokenRequest(GRANT_TYPE, clientId, clientSecret, basic != null);
    }

    private static Map<String, String> bodyFields(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return Map.of();
        }
        if (type.contains("json") || (!type.contains("x-www-form-urlencoded") && trimmed.startsWith("{"))) {
            return jsonFields(trimmed);
        }
        return formFields(trimmed);
    }

    private static Map<String, String> jsonFields(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalidRequest("the body is not valid JSON: send {\"grant_type\": \"client_credentials\","
                    + " \"client_id\": \"…\", \"client_secret\": \"…\"}");
        }
        if (node == null || !node.isObject()) {
            throw invalidRequest("the JSON body must be an object with grant_type, client_id and client_secret");
        }
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw invalidRequest("field " + shorten(field.getKey()) + " must be a string");
            }
            fields.put(field.getKey(), value.asText());
        }
        return fields;
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (fields.put(name, value) != null) {
                throw invalidRequest("parameter " + shorten(name) + " is given more than once");
            }
        }
        return fields;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidRequest("the form body is not valid application/x-www-form-urlencoded");
        }
    }

    /** {id, secret} from an {@code Authorization: Basic} header, null without one. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 6 || !value.substring(0, 6).equalsIgnoreCase("basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidRequest("the Authorization header is not valid Basic: Base64 of client_id:client_secret");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw invalidRequest("the Authorization header is not valid Basic: Base64 of client_id:client_secret");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static ApiException invalidRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
