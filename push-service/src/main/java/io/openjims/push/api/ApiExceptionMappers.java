package io.openjims.push.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into {@code {"error", "message"}} bodies; never a stack trace. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return body(e.status(), e.error(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return body(400, "invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return body(401, "unauthorized", "Send a Bearer token with role admin");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, "forbidden", "This call needs a token with role admin");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "http_" + status;
        return body(status, code, e.getMessage());
    }

    private static Response body(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(error, message))
                .build();
    }
}
