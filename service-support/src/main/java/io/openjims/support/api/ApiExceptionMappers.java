package io.openjims.support.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into an {@link ErrorBody} with a fitting status, the same in every service:
 * {@link ApiException}, security failures (401 {@code unauthorized} without a token, 401 {@code invalid_token} with a
 * bad one, 403 {@code forbidden}), a body that is not JSON (400 {@code invalid_json}) or JSON of the wrong shape (400
 * {@code invalid_request} naming the field), JAX-RS errors (404, 405, 406, 415, ...)
 * and anything unexpected (500 {@code server_error}, logged, no details to the client).
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ErrorResponses.unauthorized();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, AuthenticationCompletionException.class})
    public Response authenticationFailed(RuntimeException e) {
        return ErrorResponses.invalidToken();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorResponses.forbidden();
    }

    // Quarkus brings its own mappers for these subtypes; naming them here makes ours win.
    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class, JsonParseException.class})
    public Response jsonSubtypes(JsonProcessingException e) {
        return json(e);
    }

    /** Not JSON at all: {@code invalid_json}; JSON of the wrong shape (a field's type): {@code invalid_request}. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return ErrorResponses.invalidJson(describe(e));
        }
        return ErrorResponses.json(400, "invalid_request", "the body is not valid JSON for this call" + describe(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR && family != Response.Status.Family.SERVER_ERROR) {
            return original;
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code(status), message(status)));
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure of a REST call", e);
        return ErrorResponses.serverError();
    }

    /** The error code of a bare HTTP status. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status < 500 ? "invalid_request" : "server_error";
        };
    }

    static String message(int status) {
        return switch (status) {
            case 404 -> "no such resource: check the path (see /q/openapi)";
            case 405 -> "this method is not allowed here (see /q/openapi)";
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported Content-Type: send application/json";
            default -> status >= 500 ? "internal error; see the service log" : "the request is not valid";
        };
    }

    /** " at field roles[0] (line 1, column 9)" style hint, or "" when Jackson knows neither. */
    static String describe(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        String field = path.isEmpty() ? "" : " at field " + path;
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return field + where;
    }
}
