package io.openjims.devinfra;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/**
 * The error answers every service gives, checked over real HTTP by each service's ErrorContractTest: status, a JSON
 * content type and {@code {"error": <code>, "message": <text>}}.
 */
public final class ErrorContract {

    /** What a test-only failing resource throws; a 500 answer must never show it. */
    public static final String INTERNAL_DETAIL = "internal detail that must not leak";

    private ErrorContract() {}

    /** Asserts the status, the JSON content type and the body's code; returns the body for more checks. */
    public static Map<String, Object> assertError(Response response, int status, String code) {
        String where = response.getStatusCode() + " " + response.asString();
        if (response.getStatusCode() != status) {
            throw new AssertionError("expected status " + status + ", got " + where);
        }
        String type = response.getContentType();
        if (type == null || !type.startsWith("application/json")) {
            throw new AssertionError("expected an application/json body, got '" + type + "': " + where);
        }
        Map<String, Object> body = response.jsonPath().getMap("");
        if (!code.equals(body.get("error"))) {
            throw new AssertionError("expected error " + code + ", got " + where);
        }
        if (!(body.get("message") instanceof String message) || message.isBlank()) {
            throw new AssertionError("expected a message, got " + where);
        }
        return body;
    }

    /**
     * The security answers of a call that needs a role: 401 {@code unauthorized} without a token, 401
     * {@code invalid_token} with a bad one (both with a Bearer challenge), 403 {@code forbidden} with
     * {@code tokenWithoutTheRole}.
     */
    public static void assertSecurity(String method, String path, String tokenWithoutTheRole) {
        Response none = given().request(method, path);
        assertError(none, 401, "unauthorized");
        assertChallenge(none);
        Response invalid =
                given().header("Authorization", "Bearer not.a.valid-token").request(method, path);
        assertError(invalid, 401, "invalid_token");
        assertChallenge(invalid);
        assertError(given().auth().oauth2(tokenWithoutTheRole).request(method, path), 403, "forbidden");
    }

    /** 500 {@code server_error} for a GET of {@code path} (a test-only resource that fails), without the detail. */
    public static void assertServerError(String path) {
        Response response = given().get(path);
        Map<String, Object> body = assertError(response, 500, "server_error");
        if (response.asString().contains(INTERNAL_DETAIL)
                || String.valueOf(body.get("message")).contains("Exception")) {
            throw new AssertionError("a 500 answer shows internals: " + response.asString());
        }
    }

    /** A request with a bearer token. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static void assertChallenge(Response response) {
        String challenge = response.getHeader("WWW-Authenticate");
        if (challenge == null || !challenge.startsWith("Bearer")) {
            throw new AssertionError("expected a Bearer challenge, got " + challenge);
        }
    }
}
