package io.openjims.collector.ingest.clients.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.collector.ingest.clients.service.DuplicateClientException;
import io.openjims.collector.ingest.clients.service.IngestClientCredentials;
import io.openjims.collector.ingest.clients.service.IngestClientService;
import io.openjims.collector.ingest.clients.service.IngestClientSummary;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.support.api.ApiException;
import io.openjims.support.api.JsonFields;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API for HTTP ingest clients (Basic credentials for the SRX Web API, API keys for PAN-OS User-ID). */
@Path("/api/admin/ingest-clients")
@RolesAllowed("admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class IngestClientResource {

    private final IngestClientService service;

    public IngestClientResource(IngestClientService service) {
        this.service = service;
    }

    /** 201 body: the secrets appear here once and are never shown again. */
    public record CreatedView(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("name") String name,
            @JsonProperty("client_secret") String clientSecret,
            @JsonProperty("api_key") String apiKey,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("domains") List<String> domains,
            @JsonProperty("address_ranges") List<String> addressRanges,
            @JsonProperty("trust_asserted_roles") boolean trustAssertedRoles) {

        static CreatedView of(IngestClientCredentials credentials) {
            ProducerScope scope = credentials.scope();
            return new CreatedView(
                    credentials.clientId(),
                    credentials.name(),
                    credentials.clientSecret(),
                    credentials.apiKey(),
                    credentials.createdAt(),
                    scope.domains(),
                    scope.addressRanges(),
                    scope.trustAssertedRoles());
        }
    }

    public record ClientView(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("name") String name,
            @JsonProperty("api_key_prefix") String apiKeyPrefix,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("domains") List<String> domains,
            @JsonProperty("address_ranges") List<String> addressRanges,
            @JsonProperty("trust_asserted_roles") boolean trustAssertedRoles,
            @JsonProperty("last_seen_at") Instant lastSeenAt) {

        static ClientView of(IngestClientSummary summary) {
            ProducerScope scope = summary.scope();
            return new ClientView(
                    summary.clientId(),
                    summary.name(),
                    summary.apiKeyPrefix(),
                    summary.createdAt(),
                    scope.domains(),
                    scope.addressRanges(),
                    scope.trustAssertedRoles(),
                    summary.lastSeenAt());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Create an ingest client",
            description = "Body {\"name\", \"domains\"?, \"address_ranges\"?, \"trust_asserted_roles\"?}. 201"
                    + " {client_id, client_secret, api_key, ...}: Basic credentials for the SRX Web API and an API key"
                    + " for the PAN-OS User-ID API, shown once. Events outside domains / address_ranges (empty ="
                    + " any) are rejected per entry; asserted roles are dropped unless trust_asserted_roles."
                    + " 409 when the name is taken.")
    public Uni<Response> create(byte[] body) {
        JsonNode node = body(body);
        Uni<IngestClientCredentials> created;
        try {
            created = service.create(
                    node.get("name").asText(),
                    ProducerScope.validated(
                            JsonFields.strings(node, "domains"),
                            JsonFields.strings(node, "address_ranges"),
                            JsonFields.bool(node, "trust_asserted_roles", false)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
        return created.map(credentials ->
                        Response.status(201).entity(CreatedView.of(credentials)).build())
                .onFailure(DuplicateClientException.class)
                .transform(e -> new ApiException(409, "conflict", e.getMessage()));
    }

    @GET
    @Operation(summary = "List ingest clients (no secrets)")
    public Uni<List<ClientView>> list() {
        return service.list().map(list -> list.stream().map(ClientView::of).toList());
    }

    @POST
    @Path("/{clientId}/secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Rotate an ingest client's credentials",
            description = "200 {client_id, client_secret, api_key, ...}: a new secret and a new API key, shown once;"
                    + " the old ones stop working at once (on other collector replicas within the credential cache"
                    + " TTL). 404 for an unknown id.")
    public Uni<CreatedView> rotate(@PathParam("clientId") String clientId) {
        return service.rotate(clientId)
                .map(rotated -> rotated.map(CreatedView::of)
                        .orElseThrow(() -> new ApiException(404, "not_found", "no ingest client with id " + clientId)));
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Delete an ingest client; its credentials stop working")
    public Uni<Response> delete(@PathParam("clientId") String clientId) {
        return service.delete(clientId).map(deleted -> {
            if (!deleted) {
                throw new ApiException(404, "not_found", "no ingest client with id " + clientId);
            }
            return Response.noContent().build();
        });
    }

    private static JsonNode body(byte[] body) {
        JsonNode node = JsonFields.object(body, "send {\"name\": \"...\"}");
        if (node == null || !node.path("name").isTextual()) {
            throw new ApiException(400, "invalid_request", "send {\"name\": \"...\"} with a text name");
        }
        return node;
    }
}
