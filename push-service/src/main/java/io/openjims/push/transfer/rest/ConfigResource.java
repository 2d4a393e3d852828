package io.openjims.push.transfer.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.push.transfer.service.ConfigTransferService;
import io.openjims.support.transfer.ConfigTransfer;
import io.openjims.support.transfer.ConfigTransferApi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Configuration export and import (role {@code admin}); the document format is in docs/api.md. */
@Path("/api/admin/config")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigResource {

    private final ConfigTransferService service;

    public ConfigResource(ConfigTransferService service) {
        this.service = service;
    }

    /** Every section, secrets left out (each marked missing). */
    @GET
    public Uni<Response> export() {
        return service.export(null, null).map(doc -> ConfigTransferApi.download(ConfigTransferService.SERVICE, doc));
    }

    /** The chosen sections (all by default) with their secrets sealed under the passphrase. */
    @POST
    @Path("/export")
    public Uni<ObjectNode> exportWithSecrets(ConfigTransferApi.ExportRequest request) {
        return service.export(request.sections(), ConfigTransferApi.passphrase(request));
    }

    /** Full or partial import; 409 {@code missing_passwords} until every secret is known; {@code dry_run} applies nothing. */
    @POST
    @Path("/import")
    public Uni<Response> importDocument(ConfigTransfer.ImportRequest request) {
        return service.importDocument(request).map(report -> report.toResponse());
    }
}
