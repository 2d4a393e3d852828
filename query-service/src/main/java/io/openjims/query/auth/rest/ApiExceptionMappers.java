package io.openjims.query.auth.rest;

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
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call of this service into {@code {"error", "message"}} with a fitting status: API
 * failures, security failures (401/403), JAX-RS errors (404, 405, 415, ...), unreadable JSON, and anything
 * unexpected (500, logged, no details to the client).
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    static final String BEARER_CHALLENGE = "Bearer realm=\"openjims\"";

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorizedResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return invalidTokenResponse();
    }

    @ServerExceptionMapper
    public Response authenticationIncomplete(AuthenticationCompletionException e) {
        return invalidTokenResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "forbidden", "the token's roles do not allow this call (admin APIs need role admin)");
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        String field = e instanceof JsonMappingException mapping
                        && !mapping.getPath().isEmpty()
                ? " at field "
                        + mapping.getPath().get(mapping.getPath().size() - 1).getFieldName()
                : "";
        return error(400, "invalid_request", "the body is not valid JSON for this call" + field + where);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR && family != Response.Status.Family.SERVER_ERROR) {
            return original;
        }
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> family == Response.Status.Family.CLIENT_ERROR ? "invalid_request" : "server_error";
        };
        String message = switch (status) {
            case 404 -> "no such resource: check the path (see /q/openapi)";
            case 405 -> "this method is not allowed here (see /q/openapi)";
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported Content-Type: send application/json";
            default -> status >= 500 ? "internal error; see the service log" : "the request is not valid";
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.ResponseBuilder builder =
                Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, message));
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
        return error(500, "server_error", "internal error; see the service log");
    }

    /** " at field roles[0]" style hint, or "" when Jackson does not know the field. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " at field " + path;
    }

    public static Response toResponse(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.error(), e.getMessage()));
        for (Map.Entry<String, String> header : e.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    static Response unauthorizedResponse() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", BEARER_CHALLENGE)
                .entity(new ErrorBody(
                        "unauthorized",
                        "a Bearer token is required: get one from the token endpoint (POST /api/oauth_token/oauth by"
                                + " default)"))
                .build();
    }

    static Response invalidTokenResponse() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\"")
                .entity(new ErrorBody(
                        "invalid_token",
                        "the Bearer token is invalid or expired: request a new one from the token" + " endpoint"))
                .build();
    }

    private static Response error(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message))
                .build();
    }
}
