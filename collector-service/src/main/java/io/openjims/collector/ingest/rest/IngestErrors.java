package io.openjims.collector.ingest.rest;

import io.openjims.collector.ingest.service.BatchTooLargeException;
import io.openjims.collector.ingest.service.IngestUnavailableException;
import io.openjims.collector.ingest.xml.BadDocumentException;
import io.openjims.support.api.ErrorBody;
import jakarta.ws.rs.core.Response;

/** JSON error answers of the JSON and SRX ingest endpoints. */
final class IngestErrors {

    static final String RETRY_AFTER_SECONDS = "5";

    private IngestErrors() {}

    static Response bodyTooLarge(int max) {
        return json(413, "body_too_large", "the request body is larger than " + max + " bytes; send smaller batches");
    }

    /** Maps a failed ingest to its answer; rethrows what is not an ingest failure. */
    static Response of(Throwable failure, String badDocumentCode) {
        if (failure instanceof BadDocumentException bad) {
            return json(400, badDocumentCode, bad.getMessage());
        }
        if (failure instanceof BatchTooLargeException large) {
            return json(413, "batch_too_large", large.getMessage());
        }
        if (failure instanceof IngestUnavailableException unavailable) {
            return Response.status(503)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .type("application/json")
                    .entity(new ErrorBody("unavailable", unavailable.getMessage()))
                    .build();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    static Response json(int status, String code, String message) {
        return Response.status(status)
                .type("application/json")
                .entity(new ErrorBody(code, message))
                .build();
    }
}
