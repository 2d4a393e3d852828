package io.openjims.collector.radius.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.radius.service.RadiusClient;
import io.openjims.collector.radius.service.RadiusClientInput;
import io.openjims.collector.radius.service.RadiusClientService;
import io.openjims.support.api.ApiException;
import io.openjims.support.api.JsonFields;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API for RADIUS accounting clients (NAS: switches, Wi-Fi controllers, VPN gateways). */
@Path("/api/admin/radius-clients")
@RolesAllowed("admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class RadiusClientResource {

    private static final String SHAPE = "send {\"name\", \"address\", \"secret\", \"domain\"?, \"domains\"?,"
            + " \"address_ranges\"?, \"trust_asserted_roles\"?}";

    private final RadiusClientService service;

    public RadiusClientResource(RadiusClientService service) {
        this.service = service;
    }

    /** A client as the API shows it; the secret never appears. */
    public record ClientView(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("address") String address,
            @JsonProperty("domain") String domain,
            @JsonProperty("domains") List<String> domains,
            @JsonProperty("address_ranges") List<String> addressRanges,
            @JsonProperty("trust_asserted_roles") boolean trustAssertedRoles,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static ClientView of(RadiusClient client) {
            ProducerScope scope = client.scope();
            return new ClientView(
                    client.id(),
                    client.name(),
                    client.address(),
                    client.domain(),
                    scope.domains(),
                    scope.addressRanges(),
                    scope.trustAssertedRoles(),
                    client.createdAt(),
                    client.updatedAt());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Add a RADIUS accounting client",
            description = "Body {\"name\", \"address\" (IP or CIDR the NAS sends from), \"secret\" (shared secret,"
                    + " 8..128 bytes), \"domain\"? (for user names without one), \"domains\"?, \"address_ranges\"?,"
                    + " \"trust_asserted_roles\"? (Class as roles)}. 201 with the client and its id; the secret is"
                    + " encrypted at rest and never returned. 409 when the name or address is taken.")
    public Uni<Response> create(byte[] body) {
        return service.create(input(body))
                .map(client ->
                        Response.status(201).entity(ClientView.of(client)).build());
    }

    @GET
    @Operation(summary = "List RADIUS clients (no secrets)")
    public Uni<List<ClientView>> list() {
        return service.list().map(list -> list.stream().map(ClientView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One RADIUS client (no secret)")
    public Uni<ClientView> get(@PathParam("id") String id) {
        return service.get(id).map(ClientView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Replace a RADIUS client's settings",
            description = "The body of POST; without \"secret\" the stored secret stays.")
    public Uni<ClientView> update(@PathParam("id") String id, byte[] body) {
        return service.update(id, input(body)).map(ClientView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a RADIUS client; its requests are dropped from then on")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id).map(ignored -> Response.noContent().build());
    }

    private static RadiusClientInput input(byte[] body) {
        JsonNode node = JsonFields.object(body, SHAPE);
        if (node == null) {
            throw new ApiException(400, "invalid_request", SHAPE);
        }
        return new RadiusClientInput(
                JsonFields.text(node, "name"),
                JsonFields.text(node, "address"),
                JsonFields.text(node, "secret"),
                JsonFields.text(node, "domain"),
                JsonFields.strings(node, "domains"),
                JsonFields.strings(node, "address_ranges"),
                JsonFields.bool(node, "trust_asserted_roles", false));
    }
}
