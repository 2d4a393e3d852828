package io.openjims.collector.ingest.rest;

import jakarta.ws.rs.core.Response;

/** Ends a request with a JSON error body and a fitting status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Response toResponse() {
        return Response.status(status)
                .type("application/json")
                .entity(new ErrorBody(code, getMessage()))
                .build();
    }
}
