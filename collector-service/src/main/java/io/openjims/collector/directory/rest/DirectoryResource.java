package io.openjims.collector.directory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.directory.ldap.ConnectionTester;
import io.openjims.collector.directory.service.DirectoryAdminService;
import io.openjims.collector.directory.service.DirectoryConnectionTestService;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Admin API of the directory sources (role {@code admin}). */
@Path("/api/admin/directories")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    private final DirectoryAdminService service;
    private final DirectoryConnectionTestService tests;

    public DirectoryResource(DirectoryAdminService service, DirectoryConnectionTestService tests) {
        this.service = service;
        this.tests = tests;
    }

    /** A connection test's answer: 200 whether the directory answered or not; {@code error} says what failed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConnectionTestView(
            boolean ok, String error, String message, int entriesSeen, boolean entriesLimited, long durationMs) {

        static ConnectionTestView of(ConnectionTester.Outcome o) {
            return new ConnectionTestView(
                    o.ok(),
                    o.reason() == null ? null : o.reason().code(),
                    o.message(),
                    o.entriesSeen(),
                    o.entriesLimited(),
                    o.durationMs());
        }
    }

    /** Tries a directory definition without storing it: bind and base search. */
    @POST
    @Path("/test")
    @Consumes(MediaType.WILDCARD)
    public Uni<ConnectionTestView> test(String body) {
        return tests.test(parse(body)).map(ConnectionTestView::of);
    }

    /** Tries a stored directory, with the body's changes if one is sent (no bind_password: the stored one). */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD)
    public Uni<ConnectionTestView> testStored(@PathParam("id") String id, String body) {
        DirectoryRequest request = body == null || body.isBlank() ? null : parse(body);
        return tests.test(id(id), request).map(ConnectionTestView::of);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(String body) {
        return service.create(parse(body))
                .map(view -> Response.created(URI.create("/api/admin/directories/" + view.id()))
                        .entity(view)
                        .build());
    }

    @GET
    public Uni<List<DirectoryView>> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    public Uni<DirectoryView> get(@PathParam("id") String id) {
        return service.get(id(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<DirectoryView> update(@PathParam("id") String id, String body) {
        return service.update(id(id), parse(body));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id(id)).map(v -> Response.noContent().build());
    }

    /** Polls the directory now instead of at its next interval; {@code ?full=true} forces a full sync. */
    @POST
    @Path("/{id}/sync")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> sync(@PathParam("id") String id, @QueryParam("full") @DefaultValue("false") boolean full) {
        return service.requestSync(id(id), full).map(v -> Response.accepted().build());
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no directory with this id");
        }
    }

    private static DirectoryRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "invalid_request", "send a JSON object with the directory", null, Map.of());
        }
        try {
            return JsonCodec.mapper().readValue(body, DirectoryRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (field.isEmpty()) {
                throw new ApiException(400, "invalid_json", "the body must be a JSON object", null, Map.of());
            }
            throw ApiException.invalidField(field, "has the wrong type (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new ApiException(
                    400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage(), null, Map.of());
        }
    }
}
