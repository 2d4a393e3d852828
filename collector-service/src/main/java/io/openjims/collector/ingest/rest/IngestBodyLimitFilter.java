package io.openjims.collector.ingest.rest;

import io.openjims.collector.ingest.service.IngestService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Refuses an ingest request whose declared length exceeds the limit before its body is read (413). Bodies without a
 * length are checked by the resources once read.
 */
public class IngestBodyLimitFilter {

    private final IngestService service;

    public IngestBodyLimitFilter(IngestService service) {
        this.service = service;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, SimpleResourceInfo resource) {
        Class<?> type = resource.getResourceClass();
        boolean ingest =
                type == JsonIngestResource.class || type == SrxWebApiResource.class || type == PanUserIdResource.class;
        if (!ingest) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (declared <= service.maxBodyBytes()) {
            return null;
        }
        if (type == PanUserIdResource.class) {
            return PanUserIdResource.pan(
                    413,
                    "413",
                    "the request is larger than " + service.maxBodyBytes() + " bytes; send smaller batches");
        }
        return IngestErrors.bodyTooLarge(service.maxBodyBytes());
    }
}
