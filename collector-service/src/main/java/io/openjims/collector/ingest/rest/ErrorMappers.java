package io.openjims.collector.ingest.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON error bodies for {@link ApiException} and for failed authentication or authorization on any endpoint (needs
 * {@code quarkus.http.auth.proactive=false}, so that token failures reach the REST layer).
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException exception) {
        return exception.toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type("application/json")
                .entity(new ErrorBody(
                        "unauthorized", "send a valid bearer token (Authorization: Bearer <token> from the issuer)"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return Response.status(403)
                .type("application/json")
                .entity(new ErrorBody("forbidden", "the token's client lacks the role this call needs"))
                .build();
    }
}
