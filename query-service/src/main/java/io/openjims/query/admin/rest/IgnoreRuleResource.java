package io.openjims.query.admin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.query.admin.model.IgnoreRuleBody;
import io.openjims.query.admin.model.IgnoreRuleView;
import io.openjims.query.admin.service.IgnoreRuleService;
import io.openjims.support.api.ApiException;
import io.openjims.support.api.ErrorBody;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ignore lists of the view (role admin): users and addresses whose logons never create or replace a session. */
@Path("/api/admin/ignore-rules")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Query admin")
public class IgnoreRuleResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IgnoreRuleService service;

    public IgnoreRuleResource(IgnoreRuleService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List the ignore rules")
    public Uni<List<IgnoreRuleView>> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One ignore rule")
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<IgnoreRuleView> get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Add an ignore rule",
            description = "{\"kind\": \"user\", \"pattern\": \"svc-*\"} (a glob over the account name: * any"
                    + " characters, ? one, case-insensitive; \"*$\" for computer accounts) or {\"kind\": \"address\","
                    + " \"pattern\": \"10.0.5.0/24\"} (an IP or CIDR prefix); \"description\" optional. Logons that"
                    + " match never create or replace a session; logoffs still apply.")
    @APIResponse(responseCode = "201", description = "the rule")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "duplicate_rule: a rule of that kind and pattern exists",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> create(String body) {
        return Uni.createFrom()
                .deferred(() -> service.create(parse(body)))
                .map(rule -> Response.status(201).entity(rule).build());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace an ignore rule")
    @APIResponse(
            responseCode = "409",
            description = "duplicate_rule",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<IgnoreRuleView> update(@PathParam("id") String id, String body) {
        return Uni.createFrom().deferred(() -> service.update(id, parse(body)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove an ignore rule")
    @APIResponse(responseCode = "204", description = "removed")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id).map(x -> Response.noContent().build());
    }

    private static IgnoreRuleBody parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest(
                    "The body is not valid JSON; send {\"kind\": \"user\", \"pattern\": \"svc-*\"}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(
                    "The body must be a JSON object such as {\"kind\": \"user\", \"pattern\": \"svc-*\"}.");
        }
        return new IgnoreRuleBody(text(root, "kind"), text(root, "pattern"), text(root, "description"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + " must be a string.");
        }
        return v.asText();
    }
}
