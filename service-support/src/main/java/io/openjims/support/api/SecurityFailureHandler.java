package io.openjims.support.api;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * Gives security failures raised before a resource runs (proactive authentication of an invalid or expired Bearer
 * token, HTTP permission checks) the same body as {@link ApiExceptionMappers}.
 */
@ApplicationScoped
public class SecurityFailureHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        Response response = responseFor(ctx.failure());
        if (response == null || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(response.getStatus()).putHeader("Content-Type", "application/json");
        response.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                ctx.response().putHeader(name, values);
            }
        });
        ErrorBody body = (ErrorBody) response.getEntity();
        ctx.response()
                .end(new JsonObject()
                        .put("error", body.error())
                        .put("message", body.message())
                        .encode());
    }

    /** The answer to a security failure, or null when the failure is not one. */
    static Response responseFor(Throwable failure) {
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException) {
            return ErrorResponses.invalidToken();
        }
        if (failure instanceof UnauthorizedException) {
            return ErrorResponses.unauthorized();
        }
        if (failure instanceof ForbiddenException) {
            return ErrorResponses.forbidden();
        }
        return null;
    }
}
