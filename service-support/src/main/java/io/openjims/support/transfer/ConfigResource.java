package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Configuration export and import of this service (role {@code admin}); the format is in docs/api.md. */
@Path("/api/admin/config")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigResource {

    private final ConfigTransferService service;

    public ConfigResource(ConfigTransferService service) {
        this.service = service;
    }

    /** {@code POST /api/admin/config/export}: the sections (all when left out) and the passphrase for the secrets. */
    public record ExportRequest(List<String> sections, String passphrase) {}

    /** Every section, secrets left out (each marked missing), as a file download. */
    @GET
    public Uni<Response> export() {
        return service.export(null, null)
                .map(doc -> Response.ok(doc, MediaType.APPLICATION_JSON_TYPE)
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"openjims-" + service.service() + "-config.json\"")
                        .header("Cache-Control", "no-store")
                        .build());
    }

    /** The chosen sections with their secrets sealed under the passphrase. */
    @POST
    @Path("/export")
    public Uni<ObjectNode> exportWithSecrets(ExportRequest request) {
        if (request == null
                || request.passphrase() == null
                || request.passphrase().isEmpty()) {
            throw new ApiException(
                    400,
                    "passphrase_required",
                    "an export with secrets needs a passphrase (12+ characters); GET /api/admin/config exports"
                            + " without secrets",
                    "passphrase",
                    Map.of());
        }
        return service.export(request.sections(), request.passphrase());
    }

    /** Full or partial import; 409 {@code missing_passwords} until every secret is known; {@code dry_run} applies nothing. */
    @POST
    @Path("/import")
    public Uni<Response> importDocument(ConfigTransfer.ImportRequest request) {
        return service.importDocument(request).map(ConfigImportReport::toResponse);
    }
}
