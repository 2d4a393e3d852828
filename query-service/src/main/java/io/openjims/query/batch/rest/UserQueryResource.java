package io.openjims.query.batch.rest;

import io.openjims.query.auth.service.ClientActivity;
import io.openjims.query.batch.model.BatchResponse;
import io.openjims.query.batch.model.ItemsResponse;
import io.openjims.query.batch.service.QueryRequestParser;
import io.openjims.query.batch.service.UserQueryService;
import io.openjims.support.api.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SRX query endpoint (batch, IP and user queries). Served at {@value #PATH}; {@code openjims.query.srx.query-api}
 * adds another path under {@code /api/} (see {@link QueryApiRoute}).
 */
@Path(UserQueryResource.PATH)
@Tag(name = "SRX query")
public class UserQueryResource {

    public static final String PATH = "/api/user_query/v2";

    private final UserQueryService service;
    private final JsonWebToken token;
    private final ClientActivity activity;

    public UserQueryResource(UserQueryService service, JsonWebToken token, ClientActivity activity) {
        this.activity = activity;
        this.service = service;
        this.token = token;
    }

    @POST
    @RolesAllowed("srx")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(
            summary = "Batch, IP or user query",
            description = "Batch: {\"query\":\"batch\", \"timestamp\"|\"cookie\" (not both), \"max_items\" 100..1000"
                    + " (default 200), \"filter\": {\"domains\" (<=25), \"include\"/\"exclude\" (<=20 each: IP,"
                    + " CIDR or Junos wildcard address)}} returns {cookie, more, items} in change order. IP:"
                    + " {\"query\":\"ip\",\"ip\"} and user: {\"query\":\"user\",\"domain\",\"user\"} return {items}"
                    + " (logon items of active sessions).")
    @RequestBody(
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            example =
                                                    "{\"query\": \"batch\", \"timestamp\":"
                                                            + " \"2026-11-22T10:00:00Z\", \"max_items\": 200, \"filter\": {\"domains\": [\"example.com\"]}}")))
    @APIResponse(
            responseCode = "200",
            description = "Batch answer (BatchResponse) or IP/user answer (ItemsResponse)",
            content = @Content(schema = @Schema(oneOf = {BatchResponse.class, ItemsResponse.class})))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request (every invalid field named) or invalid_cookie",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "Missing, expired or invalid token")
    @APIResponse(responseCode = "403", description = "The token lacks role srx")
    @APIResponse(
            responseCode = "410",
            description = "cookie_expired: the cookie points before the retained change log",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Object> query(String body) {
        activity.seen(SrxClaims.clientId(token));
        return Uni.createFrom()
                .item(() -> QueryRequestParser.parse(body))
                .flatMap(
                        request -> service.answer(request, SrxClaims.clientId(token), SrxClaims.allowedDomains(token)));
    }
}
