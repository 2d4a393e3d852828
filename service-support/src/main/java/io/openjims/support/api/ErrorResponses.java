package io.openjims.support.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error answers every service gives for the same failures: same status, code and message. */
public final class ErrorResponses {

    /** The Bearer challenge of every service. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"openjims\"";

    private ErrorResponses() {}

    /** Any status, code and message as a JSON error body. */
    public static Response json(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message))
                .build();
    }

    /** 401: no credentials. */
    public static Response unauthorized() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", BEARER_CHALLENGE)
                .entity(new ErrorBody(
                        "unauthorized",
                        "a Bearer token is required (Authorization: Bearer <token>): get one from the token"
                                + " endpoint (POST /api/oauth_token/oauth by default)"))
                .build();
    }

    /** 401: a token was sent but is invalid or expired. */
    public static Response invalidToken() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\"")
                .entity(new ErrorBody(
                        "invalid_token",
                        "the Bearer token is invalid or expired: request a new one from the token" + " endpoint"))
                .build();
    }

    /** 403: authenticated, but without the role the call needs. */
    public static Response forbidden() {
        return json(
                403,
                "forbidden",
                "the token's roles do not allow this call (admin APIs need role admin, see /q/openapi)");
    }

    /** 400: the body is not JSON of the expected shape. */
    public static Response invalidJson(String detail) {
        return json(400, "invalid_json", "the body is not valid JSON for this call" + detail);
    }

    /** 500: never the internals; they are in the log. */
    public static Response serverError() {
        return json(500, "server_error", "internal error; see the service log");
    }
}
