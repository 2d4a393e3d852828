package io.openjims.query.auth.rest;

import io.openjims.query.auth.service.TokenService;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OAuth 2.0 token endpoint (client credentials). Served at {@value #DEFAULT_PATH}; when {@code openjims.query.auth
 * .token-api} names another path, {@link TokenPathRouting} routes that path here and hides this one.
 */
@Path(TokenResource.DEFAULT_PATH)
@Tag(name = "Authentication")
public class TokenResource {

    public static final String DEFAULT_PATH = "/api/oauth_token/oauth";

    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue an access token (client credentials)",
            description = "Credentials as form fields grant_type, client_id, client_secret; as HTTP Basic with"
                    + " grant_type in the form; or as a JSON object with the same fields.")
    @APIResponse(responseCode = "200", description = "access_token, token_type Bearer, expires_in")
    @APIResponse(responseCode = "400", description = "invalid_request or unsupported_grant_type")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "too many failed attempts for this client id or address")
    public Uni<Response> token(@Context HttpHeaders headers, @Context HttpServerRequest request, String body) {
        TokenRequest parsed;
        try {
            parsed = TokenRequestParser.parse(
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    body,
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (ApiException e) {
            tokens.countOutcome(e.error());
            return Uni.createFrom().item(noStore(e.toResponse()));
        }
        String source =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return tokens.issue(parsed.clientId(), parsed.clientSecret(), source)
                .map(token -> {
                    tokens.countOutcome("issued");
                    return noStore(
                            Response.ok(new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds()))
                                    .type(MediaType.APPLICATION_JSON_TYPE)
                                    .build());
                })
                .onFailure(failure -> !(failure instanceof ApiException))
                .invoke(failure -> tokens.countOutcome("server_error"))
                .onFailure(ApiException.class)
                .recoverWithItem(failure -> {
                    ApiException e = (ApiException) failure;
                    tokens.countOutcome(e.error());
                    return noStore(e.toResponse());
                });
    }

    private static Response noStore(Response response) {
        return Response.fromResponse(response)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
