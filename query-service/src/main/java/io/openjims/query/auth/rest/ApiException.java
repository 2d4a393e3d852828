package io.openjims.query.auth.rest;

import java.util.Map;

/**
 * A failure with a definite HTTP status, error code and message for the client; {@link ApiExceptionMappers} turns it
 * into {@link ErrorBody}. Usable by any feature of this service.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message) {
        this(status, error, message, Map.of());
    }

    public ApiException(int status, String error, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    public Map<String, String> headers() {
        return headers;
    }
}
