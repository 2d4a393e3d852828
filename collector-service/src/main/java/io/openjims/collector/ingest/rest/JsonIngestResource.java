package io.openjims.collector.ingest.rest;

import io.openjims.collector.ingest.service.IngestFormat;
import io.openjims.collector.ingest.service.IngestService;
import io.openjims.collector.ingest.service.JsonBatchParser;
import io.openjims.collector.ingest.service.ProducerScope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Native JSON ingest: a batch of identity events, Bearer token with role ingest (or admin). */
@Path("/api/v1/identity-events")
@Tag(name = "ingest")
public class JsonIngestResource {

    /** Claim of query-service tokens that lists the domains an API client is limited to. */
    public static final String DOMAINS_CLAIM = "domains";

    private final IngestService service;
    private final SecurityIdentity identity;

    public JsonIngestResource(IngestService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"ingest", "admin"})
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ingest a batch of logon/logoff events",
            description = "Body: a JSON array (at most 1000) of {operation, ip, user, domain, timestamp?, timeout?,"
                    + " device?, posture?}. 202 {accepted, rejected[{index, error}]} once Kafka acknowledged every"
                    + " accepted event; 503 when Kafka is unavailable (retry); 400 broken JSON; 413 too large.")
    public Uni<Response> ingest(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > service.maxBodyBytes()) {
            return Uni.createFrom().item(IngestErrors.bodyTooLarge(service.maxBodyBytes()));
        }
        String producer = identity.getPrincipal() == null
                ? "unknown"
                : identity.getPrincipal().getName();
        ProducerScope scope = scope(identity);
        return Uni.createFrom()
                .item(() -> JsonBatchParser.parse(bytes, service.maxBatch()))
                .flatMap(items -> service.ingest(IngestFormat.JSON, producer, scope, items))
                .map(result -> Response.accepted(IngestResponse.of(result))
                        .type(MediaType.APPLICATION_JSON)
                        .build())
                .onFailure()
                .recoverWithItem(failure -> IngestErrors.of(failure, "invalid_json"));
    }

    /** The token's {@code domains} claim (query-service API clients) limits the domains; none = any. */
    static ProducerScope scope(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.containsClaim(DOMAINS_CLAIM)) {
            Object claim = jwt.getClaim(DOMAINS_CLAIM);
            List<String> domains = new ArrayList<>();
            if (claim instanceof Collection<?> values) {
                values.forEach(v -> domains.add(text(v)));
            }
            return new ProducerScope(domains, List.of(), false);
        }
        return new ProducerScope(List.of(), List.of(), false);
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
