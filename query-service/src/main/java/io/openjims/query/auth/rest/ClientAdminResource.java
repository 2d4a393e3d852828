package io.openjims.query.auth.rest;

import io.openjims.query.auth.service.ApiClientService;
import io.openjims.query.auth.service.Role;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API clients of the SRX, ingest and admin APIs (role admin). */
@Path("/api/admin/clients")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: API clients")
public class ClientAdminResource {

    private final ApiClientService clients;

    public ClientAdminResource(ApiClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API client; the answer holds its secret, shown only this once")
    @APIResponse(responseCode = "201", description = "client_id, client_secret, name, roles, created_at")
    @APIResponse(
            responseCode = "400",
            description = "missing name, or roles not a non-empty list of srx, ingest, admin")
    public Uni<Response> create(CreateClientRequest request) {
        if (request == null) {
            throw ApiException.badRequest(
                    "send a JSON object with name and roles, e.g. {\"name\": \"srx-1\", \"roles\": [\"srx\"]}");
        }
        return clients.create(request.name(), request.roles(), request.domains())
                .map(created -> Response.created(URI.create(
                                "/api/admin/clients/" + created.client().clientId()))
                        .header("Cache-Control", "no-store")
                        .entity(NewClientSecret.of(created))
                        .build());
    }

    @GET
    @Operation(summary = "List API clients (never their secrets)")
    public Uni<List<ClientView>> list() {
        return clients.list().map(all -> all.stream().map(ClientView::of).toList());
    }

    @GET
    @Path("/{client_id}")
    @Operation(summary = "One API client (never its secret)")
    @APIResponse(responseCode = "404", description = "unknown client_id")
    public Uni<ClientView> get(@PathParam("client_id") String clientId) {
        return clients.get(clientId).map(ClientView::of);
    }

    @DELETE
    @Path("/{client_id}")
    @Operation(summary = "Delete an API client; tokens it already holds stay valid until they expire")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "unknown client_id")
    public Uni<Response> delete(@PathParam("client_id") String clientId) {
        return clients.delete(clientId).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{client_id}/secret")
    @Operation(summary = "Rotate the secret: the old one stops working at once; the new one is shown only this once")
    @APIResponse(responseCode = "200", description = "client_id, client_secret, name, roles, created_at")
    @APIResponse(responseCode = "404", description = "unknown client_id")
    public Uni<Response> rotate(@PathParam("client_id") String clientId) {
        return clients.rotate(clientId)
                .map(rotated -> Response.ok(NewClientSecret.of(rotated))
                        .header("Cache-Control", "no-store")
                        .build());
    }
}
