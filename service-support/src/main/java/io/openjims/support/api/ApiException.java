package io.openjims.support.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Ends a request with a definite HTTP status, error code and message for the client; {@link ApiExceptionMappers}
 * turns it into an {@link ErrorBody}. Optional: the offending field and extra response headers.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message) {
        this(status, error, message, null, Map.of());
    }

    public ApiException(int status, String error, String message, Map<String, String> headers) {
        this(status, error, message, null, headers);
    }

    public ApiException(int status, String error, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 400 {@code invalid_request}. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    /** 400 with a code of the caller's. */
    public static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    /** 400 {@code invalid_field} naming the field. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "invalid_field", field + ": " + message, field, Map.of());
    }

    /** 404 {@code not_found}. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /** 409 with a code of the caller's. */
    public static ApiException conflict(String error, String message) {
        return new ApiException(409, error, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The offending request field, or null. */
    public String field() {
        return field;
    }

    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON answer. */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, getMessage(), field));
        headers.forEach(builder::header);
        return builder.build();
    }
}
