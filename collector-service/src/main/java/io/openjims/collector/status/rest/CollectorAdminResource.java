package io.openjims.collector.status.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.collector.status.service.CollectorAdminService;
import io.openjims.collector.status.service.CollectorView;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This collector's identity, state and counters; admins set its description. */
@Path("/api/admin/collector")
@RolesAllowed("admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class CollectorAdminResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CollectorAdminService service;

    public CollectorAdminResource(CollectorAdminService service) {
        this.service = service;
    }

    public record CollectorBody(
            @JsonProperty("id") String id,
            @JsonProperty("version") String version,
            @JsonProperty("state") String state,
            @JsonProperty("description") String description,
            @JsonProperty("last_update") Instant lastUpdate,
            @JsonProperty("failures") Map<String, String> failures,
            @JsonProperty("counters") Map<String, Long> counters) {

        static CollectorBody of(CollectorView view) {
            return new CollectorBody(
                    view.id(),
                    view.version(),
                    view.state().wireName(),
                    view.description(),
                    view.lastUpdate(),
                    view.failures(),
                    view.counters());
        }
    }

    @GET
    @Operation(
            summary = "This collector",
            description = "id, version, state (running/degraded), description, last_update (last heartbeat),"
                    + " failures by source and counters (ingest per format, syslog).")
    public Uni<CollectorBody> get() {
        return service.view().map(CollectorBody::of);
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Set the description", description = "Body {\"description\"}; published at once.")
    public Uni<CollectorBody> put(byte[] body) {
        String description = description(body);
        return service.setDescription(description).map(CollectorBody::of);
    }

    private static String description(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "body is not valid JSON; send {\"description\": \"...\"}");
        }
        if (node == null || !node.isObject() || !node.path("description").isTextual()) {
            throw new ApiException(400, "invalid_request", "send {\"description\": \"...\"} with a text description");
        }
        return CollectorAdminService.validDescription(node.get("description").asText());
    }
}
