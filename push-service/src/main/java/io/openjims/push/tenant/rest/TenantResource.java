package io.openjims.push.tenant.rest;

import io.openjims.push.tenant.service.TenantService;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Tenant administration (role {@code admin}): who receives pushed identity data, where, and how it goes. */
@Path("/api/admin/tenants")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService service;

    public TenantResource(TenantService service) {
        this.service = service;
    }

    /** Creates a tenant; the answer carries the generated username, never the password. */
    @POST
    public Uni<Response> create(TenantRequest request) {
        return service.create(request)
                .map(t -> Response.created(URI.create("/api/admin/tenants/" + t.id()))
                        .entity(t)
                        .build());
    }

    @GET
    public Uni<List<TenantResponse>> list() {
        return service.list();
    }

    /** The tenant with its delivery status: pending, connected or failing, last push, last error, lag. */
    @GET
    @Path("/{id}")
    public Uni<TenantResponse> get(@PathParam("id") String id) {
        return service.get(parse(id));
    }

    /** Replaces the settings (not the username or password); a change of domains or kind resends the full state. */
    @PUT
    @Path("/{id}")
    public Uni<TenantResponse> update(@PathParam("id") String id, TenantRequest request) {
        return service.update(parse(id), request);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(parse(id)).map(v -> Response.noContent().build());
    }

    /** Sets a new password (policy: 8+ characters, a digit, an upper-case letter, a special character). */
    @PUT
    @Path("/{id}/password")
    public Uni<Response> password(@PathParam("id") String id, TenantPasswordRequest request) {
        return service.changePassword(parse(id), request)
                .map(v -> Response.noContent().build());
    }

    /** Sends the tenant the full current state of its domains again, then live changes. */
    @POST
    @Path("/{id}/resync")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> resync(@PathParam("id") String id) {
        return service.resync(parse(id)).map(v -> Response.accepted().build());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no tenant with id " + id);
        }
    }
}
