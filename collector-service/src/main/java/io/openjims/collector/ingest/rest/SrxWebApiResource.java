package io.openjims.collector.ingest.rest;

import io.openjims.collector.ingest.clients.service.IngestClientService;
import io.openjims.collector.ingest.service.IngestFormat;
import io.openjims.collector.ingest.service.IngestService;
import io.openjims.collector.ingest.xml.SrxWebApiParser;
import io.openjims.support.api.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juniper SRX Web API: the {@code userfw-entries} XML document that ClearPass and PacketFence post to an SRX, HTTP
 * Basic with an ingest client's {@code client_id:client_secret}. Roles in {@code role-list} stay on the event as the
 * producer's roles.
 */
@Path("/api/userfw/v1/post-entry")
@Tag(name = "ingest")
public class SrxWebApiResource {

    private final IngestService service;
    private final IngestClientService clients;

    public SrxWebApiResource(IngestService service, IngestClientService clients) {
        this.service = service;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ingest SRX Web API userfw-entries",
            description = "HTTP Basic with an ingest client. 200 {accepted, rejected[{index, error}]} once Kafka"
                    + " acknowledged every accepted entry; 401 bad credentials; 400 malformed XML or a DTD;"
                    + " 413 too large; 503 Kafka unavailable (retry).")
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        var credentials = BasicCredentials.parse(authorization);
        if (credentials.isEmpty()) {
            return Uni.createFrom().item(unauthorized("send HTTP Basic credentials of an ingest client"));
        }
        return clients.authenticateBasic(
                        credentials.get().username(), credentials.get().password())
                .flatMap(principal -> {
                    if (principal.isEmpty()) {
                        return Uni.createFrom()
                                .item(unauthorized("unknown ingest client or wrong secret; check client_id and"
                                        + " client_secret"));
                    }
                    byte[] bytes = body == null ? new byte[0] : body;
                    if (bytes.length > service.maxBodyBytes()) {
                        return Uni.createFrom().item(IngestErrors.bodyTooLarge(service.maxBodyBytes()));
                    }
                    return Uni.createFrom()
                            .item(() -> SrxWebApiParser.parse(bytes))
                            .flatMap(items -> service.ingest(
                                    IngestFormat.SRX_WEBAPI,
                                    principal.get().name(),
                                    principal.get().scope(),
                                    items))
                            .map(result -> Response.ok(IngestResponse.of(result))
                                    .type(MediaType.APPLICATION_JSON)
                                    .build())
                            .onFailure()
                            .recoverWithItem(failure -> IngestErrors.of(failure, "invalid_xml"));
                });
    }

    private static Response unauthorized(String message) {
        return Response.status(401)
                .header("WWW-Authenticate", "Basic realm=\"openjims-ingest\"")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("invalid_client", message))
                .build();
    }
}
