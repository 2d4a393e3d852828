package io.openjims.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answers as objects; the services' ErrorContractTest proves them over real HTTP. */
class ApiExceptionMappersTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    private static ErrorBody body(Response response) {
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        return (ErrorBody) response.getEntity();
    }

    @Test
    void securityFailures() {
        assertThat(body(mappers.unauthorized(new UnauthorizedException())).error())
                .isEqualTo("unauthorized");
        assertThat(body(mappers.authenticationFailed(new AuthenticationFailedException()))
                        .error())
                .isEqualTo("invalid_token");
        assertThat(body(mappers.forbidden(new ForbiddenException())).error()).isEqualTo("forbidden");
        assertThat(SecurityFailureHandler.responseFor(new AuthenticationFailedException())
                        .getStatus())
                .isEqualTo(401);
        assertThat(SecurityFailureHandler.responseFor(new ForbiddenException()).getStatus())
                .isEqualTo(403);
        assertThat(SecurityFailureHandler.responseFor(new IllegalStateException()))
                .isNull();
    }

    @Test
    void jsonErrorsNameWhereTheyBroke() {
        Exception failure = null;
        try {
            new ObjectMapper().readTree("{\"name\": ");
        } catch (Exception e) {
            failure = e;
        }
        Response response = mappers.json((com.fasterxml.jackson.core.JsonProcessingException) failure);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response).error()).isEqualTo("invalid_json");
        assertThat(body(response).message()).contains("JSON").contains("line 1");

        Exception mismatch = null;
        try {
            new ObjectMapper().readValue("{\"roles\": \"srx\"}", Roles.class);
        } catch (Exception e) {
            mismatch = e;
        }
        Response wrongShape = mappers.json((com.fasterxml.jackson.core.JsonProcessingException) mismatch);
        assertThat(body(wrongShape).error()).isEqualTo("invalid_request");
        assertThat(body(wrongShape).message()).contains("JSON").contains("at field roles");
    }

    record Roles(java.util.List<String> roles) {}

    @Test
    void bareStatusesGetCodesAndTheUnexpectedNeverLeaks() {
        assertThat(body(mappers.webApplication(new NotFoundException())).error())
                .isEqualTo("not_found");
        Response notAllowed = mappers.webApplication(new NotAllowedException("GET"));
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(body(notAllowed).error()).isEqualTo("method_not_allowed");
        assertThat(notAllowed.getHeaderString("Allow")).isEqualTo("GET");
        Response unexpected = mappers.unexpected(new IllegalStateException("secret detail"));
        assertThat(unexpected.getStatus()).isEqualTo(500);
        assertThat(body(unexpected).message()).doesNotContain("secret detail");
    }

    @Test
    void apiExceptionsKeepFieldAndHeaders() {
        Response response = new ApiException(503, "unavailable", "later", "x", Map.of("Retry-After", "5")).toResponse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(body(response)).isEqualTo(new ErrorBody("unavailable", "later", "x"));
    }
}
