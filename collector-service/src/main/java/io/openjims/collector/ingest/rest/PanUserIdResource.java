package io.openjims.collector.ingest.rest;

import io.openjims.collector.ingest.clients.service.IngestClientService;
import io.openjims.collector.ingest.service.BatchTooLargeException;
import io.openjims.collector.ingest.service.IngestFormat;
import io.openjims.collector.ingest.service.IngestService;
import io.openjims.collector.ingest.service.IngestUnavailableException;
import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.collector.ingest.xml.PanResponses;
import io.openjims.collector.ingest.xml.PanUserIdParser;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * PAN-OS User-ID XML API, as ClearPass, ISE, PacketFence and pan-os-python call a firewall: {@code POST /api/} with
 * form fields (or query parameters) {@code type=user-id}, {@code key=<api key>}, {@code cmd=<uid-message>}, or a GET
 * with the same query parameters. The key may also come in an {@code X-PAN-KEY} header. Answers in PAN's XML form.
 */
@Path("/api")
@Tag(name = "ingest")
public class PanUserIdResource {

    static final String XML = "application/xml";

    private final IngestService service;
    private final IngestClientService clients;

    public PanUserIdResource(IngestService service, IngestClientService clients) {
        this.service = service;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(XML)
    @Operation(
            summary = "PAN-OS User-ID API (uid-message)",
            description = "Form fields or query parameters type=user-id, key, cmd. 200 <response status=\"success\">;"
                    + " 403 <response status=\"error\" code=\"403\"> for a bad key; 400 for a bad document.")
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > service.maxBodyBytes()) {
            return Uni.createFrom().item(tooLarge());
        }
        Map<String, String> parameters = new HashMap<>(query(uri));
        MediaType type = headers.getMediaType();
        if (bytes.length > 0 && (type == null || type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE))) {
            parameters.putAll(FormParameters.decode(new String(bytes, StandardCharsets.UTF_8)));
        }
        return handle(parameters, headers);
    }

    @GET
    @Produces(XML)
    @Operation(summary = "PAN-OS User-ID API (uid-message) with query parameters")
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(query(uri), headers);
    }

    private Uni<Response> handle(Map<String, String> parameters, HttpHeaders headers) {
        String type = parameters.get("type");
        if (type == null || !"user-id".equals(type.trim().toLowerCase(Locale.ROOT))) {
            return Uni.createFrom().item(pan(400, "400", "type must be user-id: only the User-ID API is served here"));
        }
        String key = parameters.get("key");
        if (key == null || key.isBlank()) {
            key = headers.getHeaderString("X-PAN-KEY");
        }
        String cmd = parameters.get("cmd");
        return clients.authenticateApiKey(key == null ? null : key.trim())
                .map(principal -> principal.orElse(null))
                .flatMap(producer -> {
                    if (producer == null) {
                        return Uni.createFrom().item(pan(403, "403", "Invalid Credential"));
                    }
                    if (cmd == null || cmd.isBlank()) {
                        return Uni.createFrom().item(pan(400, "400", "cmd is missing: send a <uid-message> in cmd"));
                    }
                    byte[] document = cmd.getBytes(StandardCharsets.UTF_8);
                    if (document.length > service.maxBodyBytes()) {
                        return Uni.createFrom().item(tooLarge());
                    }
                    return Uni.createFrom()
                            .item(() -> PanUserIdParser.parse(document))
                            .flatMap(items ->
                                    service.ingest(IngestFormat.PAN_USERID, producer.name(), producer.scope(), items))
                            .map(result -> Response.ok(PanResponses.success(result))
                                    .type(XML)
                                    .build())
                            .onFailure()
                            .recoverWithItem(PanUserIdResource::failure);
                });
    }

    private static Response failure(Throwable failure) {
        if (failure instanceof BadDocumentException bad) {
            return pan(400, "18", "Malformed command: " + bad.getMessage());
        }
        if (failure instanceof BatchTooLargeException large) {
            return pan(413, "413", large.getMessage());
        }
        if (failure instanceof IngestUnavailableException unavailable) {
            return Response.status(503)
                    .header("Retry-After", IngestErrors.RETRY_AFTER_SECONDS)
                    .type(XML)
                    .entity(PanResponses.error("503", unavailable.getMessage()))
                    .build();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    private Response tooLarge() {
        return pan(413, "413", "the request is larger than " + service.maxBodyBytes() + " bytes; send smaller batches");
    }

    static Response pan(int status, String code, String message) {
        return Response.status(status)
                .type(XML)
                .entity(PanResponses.error(code, message))
                .build();
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> values = new HashMap<>();
        uri.getQueryParameters().forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }
}
